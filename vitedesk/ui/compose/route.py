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
                self.serverIdEdit.setText(route.server_id)
                self.routePrivate.setChecked(True)
            elif route.kind == RouteKind.SID:
                self.sidEdit.setText(route.sender_id)
                self.routeSid.setChecked(True)
            else:
                self.routePublic.setChecked(True)
            self._sync_enabled()
        self.routeChanged.emit(self.route())

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Show route, server_id and sid problems under their fields; other problems are ignored."""
        by_field: dict[str, list[Problem]] = {field: [] for field in _ROUTE_FIELDS}
        for problem in problems:
            if problem.field in by_field:
                by_field[problem.field].append(problem)
        for field, notice in (
            ("route", self.routeProblem),
            ("server_id", self.serverIdProblem),
            ("sid", self.sidProblem),
        ):
            found = by_field[field]
            tone = Tone.ERROR if any(p.blocking for p in found) else Tone.WARNING
            notice.show_message("\n".join(p.message for p in found), tone)

    # -- behaviour ------------------------------------------------------------------------------------

    def _sync_enabled(self) -> None:
        self.serverIdEdit.setEnabled(self.routePrivate.isChecked())
        self.sidEdit.setEnabled(self.routeSid.isChecked())

    def _on_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if not checked or self.signalsBlocked():
            return
        self._sync_enabled()
        self.routeChanged.emit(self.route())

    def _on_text_changed(self, _text: str) -> None:
        if not self.signalsBlocked():
            self.routeChanged.emit(self.route())
