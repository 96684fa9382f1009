"""Routes as a person sees them: how they are named, and what blocks or warns about each one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core.campaign import Campaign, Problem, Route, RouteKind

US = "+12025550143"
UK = "+447700900123"


def blocking(campaign: Campaign) -> list[Problem]:
    return [problem for problem in campaign.problems() if problem.blocking]


def warnings(campaign: Campaign) -> list[Problem]:
    return [problem for problem in campaign.problems() if not problem.blocking]


def messages(problems: list[Problem], field: str) -> list[str]:
    return [problem.message for problem in problems if problem.field == field]


# -- the route itself


def test_route_factories_and_server_type() -> None:
    assert Route.public() == Route(RouteKind.PUBLIC)
    assert Route.private("svm-business-1") == Route(RouteKind.PRIVATE, server_id="svm-business-1")
    assert Route.sid("MyShop") == Route(RouteKind.SID, sender_id="MyShop")
    assert Route.public().server_type == "PUBLIC"
    assert Route.private("svm-1").server_type == "PRIVATE"
    assert Route.sid("MyShop").server_type == "PUBLIC"


def test_route_describes_itself_for_people() -> None:
    assert Route.public().describe() == "Public relay"
    assert Route.private("svm-business-1").describe() == "Private server svm-business-1"
    assert Route.sid("MyShop").describe() == "Sender ID “MyShop”"
    assert Route.private(" ").describe() == "Private server (no server ID yet)"
    assert Route.sid("").describe() == "Sender ID (not set yet)"


def test_route_trims_ids_so_requests_carry_what_was_checked() -> None:
    assert Route.private("  svm-1\t").server_id == "svm-1"
    assert Route.sid(" My Shop ").sender_id == "My Shop"


def test_route_keeps_only_the_id_its_kind_uses() -> None:
    assert Route(RouteKind.PUBLIC, server_id="svm-1", sender_id="Shop") == Route.public()
    assert Route(RouteKind.PRIVATE, server_id="svm-1", sender_id="Shop").sender_id == ""
    assert Route(RouteKind.SID, server_id="svm-1", sender_id="Shop").server_id == ""


def test_route_accepts_the_kind_as_text_and_refuses_unknown_kinds() -> None:
    assert Route("PRIVATE", server_id="svm-1").kind is RouteKind.PRIVATE  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Route("CARRIER_PIGEON")  # type: ignore[arg-type]


# -- what each route needs


@pytest.mark.parametrize("server_id", ["", "   ", "\t"])
def test_private_server_without_an_id_blocks(server_id: str) -> None:
    assert blocking(Campaign([US], "Hi", Route.private(server_id))) == [
        Problem(
            "server_id",
            "Enter the ID of your private server (SVM), as shown in your ViteMobile account, "
            "or choose the public relay.",
            True,
        )
    ]


def test_private_server_with_an_id_is_ready() -> None:
    assert Campaign([US], "Hi", Route.private(" svm-business-1 ")).problems() == []


@pytest.mark.parametrize("sender_id", ["MyShop", "A", "My Shop 24", "ABCDEFGHIJK", "7Eleven", " MyShop "])
def test_good_sender_ids_are_accepted(sender_id: str) -> None:
    assert Campaign([UK], "Hi", Route.sid(sender_id)).problems() == []


def sid_messages(sender_id: str) -> list[str]:
    campaign = Campaign([UK], "Hi", Route.sid(sender_id))
    assert all(problem.blocking for problem in campaign.problems())
    return messages(campaign.problems(), "sid")


@pytest.mark.parametrize("sender_id", ["", "  "])
def test_missing_sender_id_blocks(sender_id: str) -> None:
    assert sid_messages(sender_id) == [
        "Enter the sender ID recipients will see (1 to 11 letters A to Z, digits or spaces), "
        "or choose another route."
    ]


def test_an_emoji_in_a_sender_id_is_named() -> None:
    assert sid_messages("Shop😀") == [
        "A sender ID can only use letters A to Z (without accents), digits and spaces: 😀 is not allowed. "
        "Remove it."
    ]


def test_several_refused_characters_are_all_named_once() -> None:
    assert sid_messages("Café-Bar-é") == [
        "A sender ID can only use letters A to Z (without accents), digits and spaces: é and - are not "
        "allowed. Remove them."
    ]


def test_sender_id_over_11_characters_blocks() -> None:
    assert sid_messages("MyVeryLongShop") == [
        "The sender ID “MyVeryLongShop” has 14 characters; the most allowed is 11. Shorten it."
    ]


def test_sender_id_without_a_letter_blocks() -> None:
    assert sid_messages("12345") == [
        "A sender ID needs at least one letter (A to Z); “12345” has none. Add a letter."
    ]


def test_sender_id_route_to_us_and_canadian_numbers_warns_with_the_count() -> None:
    one = Campaign([US, UK], "Hi", Route.sid("MyShop"))
    many = Campaign([US, "+14165550123", "+12025550199", UK], "Hi", Route.sid("MyShop"))

    assert blocking(one) == []
    assert messages(warnings(one), "route") == [
        "1 recipient has a US or Canadian (+1) number, and phones there do not accept sender IDs, so it "
        "will probably not receive this message. "
        "Send to them through the public relay or a private server instead."
    ]
    assert messages(warnings(many), "route")[0].startswith("3 recipients have a US or Canadian (+1) number")
    assert messages(Campaign([US], "Hi").problems(), "route") == []


# -- properties


@settings(max_examples=300, deadline=None)
@given(sender_id=st.text(max_size=15))
def test_sender_id_is_accepted_exactly_when_the_rule_says_so(sender_id: str) -> None:
    trimmed = sender_id.strip()
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ")
    expected_ok = (
        1 <= len(trimmed) <= 11
        and set(trimmed) <= allowed
        and any(char.isascii() and char.isalpha() for char in trimmed)
    )

    sid_blocked = any(
        problem.field == "sid" for problem in blocking(Campaign([UK], "Hi", Route.sid(sender_id)))
    )

    assert sid_blocked is not expected_ok
