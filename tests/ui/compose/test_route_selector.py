"""RouteSelector: each field enabled only with its route, route() values, problems under the right field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from vitedesk.core.campaign import Campaign, Problem, Route, RouteKind
from vitedesk.ui.compose.route import RouteSelector


@pytest.fixture
def selector(qtbot) -> RouteSelector:
    widget = RouteSelector()
    qtbot.addWidget(widget)
    widget.resize(520, 260)
    widget.show()
    return widget


def test_public_by_default_with_both_fields_disabled(selector: RouteSelector) -> None:
    assert selector.routePublic.isChecked()
    assert selector.route() == Route.public()
    assert not selector.serverIdEdit.isEnabled()
    assert not selector.sidEdit.isEnabled()


def test_toggling_enables_only_the_chosen_routes_field(qtbot, selector: RouteSelector) -> None:
    with qtbot.waitSignal(selector.routeChanged) as changed:
        qtbot.mouseClick(selector.routePrivate, Qt.MouseButton.LeftButton)
    assert changed.args[0].kind is RouteKind.PRIVATE
    assert selector.serverIdEdit.isEnabled() and not selector.sidEdit.isEnabled()
    qtbot.keyClicks(selector.serverIdEdit, " svm-business-1 ")
    assert selector.route() == Route.private("svm-business-1")
    assert selector.serverIdEdit.text() == " svm-business-1 "  # the field keeps what was typed

    qtbot.mouseClick(selector.routeSid, Qt.MouseButton.LeftButton)
    assert selector.sidEdit.isEnabled() and not selector.serverIdEdit.isEnabled()
    seen: list[Route] = []
    selector.routeChanged.connect(seen.append)
    qtbot.keyClicks(selector.sidEdit, "MyShop")
    assert seen[-1] == Route.sid("MyShop") == selector.route()

    qtbot.mouseClick(selector.routePublic, Qt.MouseButton.LeftButton)
    assert not selector.serverIdEdit.isEnabled() and not selector.sidEdit.isEnabled()
    assert selector.route() == Route.public()


def test_long_sender_id_is_not_cut_and_the_problem_shows_under_it(qtbot, selector: RouteSelector) -> None:
    selector.set_route(Route.sid("SuperShopOutlet2024"))
    assert selector.sidEdit.text() == "SuperShopOutlet2024"
    problems = Campaign(leads=["+442079460958"], message="Hi", route=selector.route()).problems()
    selector.show_problems(problems)
    assert selector.sidProblem.isVisible()
    assert "has 19 characters; the most allowed is 11" in selector.sidProblem.text()
    assert not selector.serverIdProblem.isVisible()
    selector.show_problems([])
    assert not selector.sidProblem.isVisible()


def test_problems_go_under_their_fields(selector: RouteSelector) -> None:
    selector.reveal_problems()
    selector.show_problems(
        [
            Problem("server_id", "Enter the ID of your private server.", True),
            Problem("route", "Phones in the US do not accept sender IDs.", False),
            Problem("message", "Not for this widget.", True),
        ]
    )
    assert selector.serverIdProblem.text() == "Enter the ID of your private server."
    assert selector.routeProblem.text() == "Phones in the US do not accept sender IDs."
    assert selector.sidProblem.text() == ""  # the sender ID field was never typed in
    selector.reveal_problems()
    assert selector.sidProblem.text() == ""


def test_set_route_round_trips(selector: RouteSelector) -> None:
    for route in (Route.private("svm-7"), Route.sid("Bakery"), Route.public()):
        selector.set_route(route)
        assert selector.route() == route
    assert selector.serverIdEdit.text() == "svm-7"  # other fields keep their values


def test_picking_a_route_shows_no_error_until_the_person_types(qtbot, selector: RouteSelector) -> None:
    def problems() -> list[Problem]:
        return Campaign(leads=["+442079460958"], message="Hi", route=selector.route()).problems()

    qtbot.mouseClick(selector.routePrivate, Qt.MouseButton.LeftButton)
    selector.show_problems(problems())  # "Enter the ID of your private server" is blocking, but not shown
    assert not selector.serverIdProblem.isVisible()
    qtbot.mouseClick(selector.routeSid, Qt.MouseButton.LeftButton)
    selector.show_problems(problems())
    assert not selector.sidProblem.isVisible()
    qtbot.keyClicks(selector.sidEdit, "Shop!")
    selector.show_problems(problems())
    assert "not allowed" in selector.sidProblem.text()  # typed: now it is said
    qtbot.mouseClick(selector.routePrivate, Qt.MouseButton.LeftButton)
    selector.show_problems(problems())
    assert not selector.serverIdProblem.isVisible() and not selector.sidProblem.isVisible()
    selector.reveal_problems()  # a Send attempt shows what is missing
    assert selector.serverIdProblem.text().startswith("Enter the ID of your private server")
