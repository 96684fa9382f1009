"""Route selector: public relay, a private server (SVM) with its id, or an Enterprise sender ID."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.campaign import Problem, Route, RouteKind
from vitedesk.ui.common.widgets import InlineNotice, Tone

# Which problem fields this widget shows, and under which control.
_ROUTE_FIELDS = ("route", "server_id", "sid")


class RouteSelector(QWidget):
    """Three radio buttons, each route's own field enabled only while that route is chosen; problems inline.

    Fields are never truncated or rewritten: a sender ID longer than the network allows stays as typed and the
    campaign's problem says so under the field (a maxLength would cut a pasted value silently).

    A field's problem shows only once the person has typed in it (or ``reveal_problems()`` after a Send
    attempt): picking a route never makes an error appear, so the panel does not jump. Send's own reason
    beside the button still says what is missing.
    """

    routeChanged = Signal(object)  # Route

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Route")

        self.routePublic = QRadioButton("Public relay", self)
        self.routePublic.setObjectName("routePublic")
        self.routePublic.setAccessibleName("Public relay")
        self.routePublic.setToolTip("Send through ViteMobile's shared public relay.")

        self.routePrivate = QRadioButton("Private server (SVM)", self)
        self.routePrivate.setObjectName("routePrivate")
        self.routePrivate.setAccessibleName("Private server (SVM)")
        self.serverIdEdit = QLineEdit(self)
        self.serverIdEdit.setObjectName("serverIdEdit")
        self.serverIdEdit.setAccessibleName("Private server ID")
        self.serverIdEdit.setPlaceholderText("Server ID, for example svm-business-1")
        self.serverIdEdit.setClearButtonEnabled(True)

        self.routeSid = QRadioButton("Sender ID (Enterprise)", self)
        self.routeSid.setObjectName("routeSid")
        self.routeSid.setAccessibleName("Sender ID (Enterprise)")
        self.sidEdit = QLineEdit(self)
        self.sidEdit.setObjectName("sidEdit")
        self.sidEdit.setAccessibleName("Sender ID")
        self.sidEdit.setPlaceholderText("Name shown as sender, up to 11 letters or digits")
        self.sidEdit.setClearButtonEnabled(True)

        self._touched: set[str] = set()  # fields the person typed in: only their problems are shown
        self._problems: list[Problem] = []

        self._group = QButtonGroup(self)
        for button in (self.routePublic, self.routePrivate, self.routeSid):
            self._group.addButton(button)

        self.routeProblem = self._notice("routeProblem", "Route problem")
        self.serverIdProblem = self._notice("serverIdProblem", "Server ID problem")
        self.sidProblem = self._notice("sidProblem", "Sender ID problem")

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.routePublic, 0, 0)
        grid.addWidget(self.routePrivate, 1, 0)
        grid.addWidget(self.serverIdEdit, 1, 1)
        grid.addWidget(self.serverIdProblem, 2, 1)
        grid.addWidget(self.routeSid, 3, 0)
        grid.addWidget(self.sidEdit, 3, 1)
        grid.addWidget(self.sidProblem, 4, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(grid)
        outer.addWidget(self.routeProblem)
        outer.addStretch(1)

        QWidget.setTabOrder(self.routePublic, self.routePrivate)
        QWidget.setTabOrder(self.routePrivate, self.serverIdEdit)
        QWidget.setTabOrder(self.serverIdEdit, self.routeSid)
        QWidget.setTabOrder(self.routeSid, self.sidEdit)

        self.routePublic.setChecked(True)
        self._sync_enabled()
        self._group.buttonToggled.connect(self._on_toggled)
        self.serverIdEdit.textChanged.connect(self._on_text_changed)
        self.sidEdit.textChanged.connect(self._on_text_changed)
        self.serverIdEdit.textEdited.connect(lambda _text: self._touch("server_id"))
        self.sidEdit.textEdited.connect(lambda _text: self._touch("sid"))

    def _notice(self, name: str, accessible: str) -> InlineNotice:
        notice = InlineNotice(self, dismissable=False)
        notice.setObjectName(name)
        notice.label.setAccessibleName(accessible)
        return notice

    # -- public API ---------------------------------------------------------------------------------

    def route(self) -> Route:
        """The chosen route; surrounding spaces in the fields are ignored (the fields keep them as typed)."""
        if self.routePrivate.isChecked():
            return Route.private(self.serverIdEdit.text().strip())
        if self.routeSid.isChecked():
            return Route.sid(self.sidEdit.text().strip())
        return Route.public()

    def set_route(self, route: Route) -> None:
        """Show ``route``: check its button and fill its field (the other field keeps what it had)."""
        with QSignalBlocker(self):  # its own reactions wait until it is filled
            if route.kind == RouteKind.PRIVATE:
                self._touched.add("server_id")  # a value the person typed earlier (a draft)
                self.serverIdEdit.setText(route.server_id)
                self.routePrivate.setChecked(True)
            elif route.kind == RouteKind.SID:
                self._touched.add("sid")
                self.sidEdit.setText(route.sender_id)
                self.routeSid.setChecked(True)
            else:
                self.routePublic.setChecked(True)
            self._sync_enabled()
        self.routeChanged.emit(self.route())

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Show route, server_id and sid problems under their fields; other problems are ignored.

        A server_id or sid problem waits until that field was typed in (see ``reveal_problems``).
        """
        self._problems = [p for p in problems if p.field in _ROUTE_FIELDS]
        for field, notice in (
            ("route", self.routeProblem),
            ("server_id", self.serverIdProblem),
            ("sid", self.sidProblem),
        ):
            found = [p for p in self._problems if p.field == field]
            if field != "route" and field not in self._touched:
                found = []
            tone = Tone.ERROR if any(p.blocking for p in found) else Tone.WARNING
            notice.show_message("\n".join(p.message for p in found), tone)

    def reveal_problems(self) -> None:
        """Show every field's problem now (the person tried to send)."""
        self._touched.update(_ROUTE_FIELDS)
        self.show_problems(self._problems)

    # -- behaviour ------------------------------------------------------------------------------------

    def _sync_enabled(self) -> None:
        self.serverIdEdit.setEnabled(self.routePrivate.isChecked())
        self.sidEdit.setEnabled(self.routeSid.isChecked())

    def _on_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if not checked or self.signalsBlocked():
            return
        self._sync_enabled()
        self.routeChanged.emit(self.route())

    def _touch(self, field: str) -> None:
        if field not in self._touched:
            self._touched.add(field)
            self.show_problems(self._problems)

    def _on_text_changed(self, _text: str) -> None:
        if not self.signalsBlocked():
            self.routeChanged.emit(self.route())
