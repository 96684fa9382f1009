"""Signing in: the login dialog over an AccountSession (ui.account.session), and pasted-token checks."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vitedesk.api import ApiError
from vitedesk.api.tokens import clean_token, jwt_claims, token_expiry
from vitedesk.ui.account.session import TOKEN_ACCOUNT, AccountSession, TokenStore
from vitedesk.ui.common.widgets import Tone, edge_colour, named

if TYPE_CHECKING:  # asyncio and qasync load with the session, after the dialog is on screen (app.py)
    import asyncio

    from vitedesk.ui.qt_async import TaskHolder

log = logging.getLogger(__name__)

# AccountSession, TOKEN_ACCOUNT and TokenStore live in ui.account.session; still importable from here.
__all__ = [
    "NOT_A_TOKEN",
    "SERVER_MISSING",
    "TOKEN_ACCOUNT",
    "AccountSession",
    "DemoAccountInfo",
    "LoginDialog",
    "TokenStore",
    "check_pasted_token",
]

SERVER_MISSING = "Type the server address under Advanced (normally https://core.vitemobile.com)."


class DemoAccountInfo(Protocol):
    """A sandbox demo account as the login dialog shows it (vitedesk.sandbox.DemoAccount fits)."""

    @property
    def username(self) -> str: ...
    @property
    def password(self) -> str: ...
    @property
    def licence(self) -> str: ...
    @property
    def summary(self) -> str: ...


NOT_A_TOKEN = (
    "This does not look like a ViteMobile access token. It is one long line with two dots in it; "
    "copy it again from your account settings page."
)


def check_pasted_token(token: str, now: datetime | None = None) -> str | None:
    """A sentence saying what is wrong with a pasted access token, or None when it looks usable.

    Refused: anything that is not a JWT (three base64url parts whose header and payload are JSON), and
    a JWT whose ``exp`` has passed. The server checks the signature; this only stops what cannot work.
    """
    if not token.strip():
        return "Paste your access token (you find it on your ViteMobile account settings page)."
    try:
        cleaned = clean_token(token)
    except ApiError:
        return NOT_A_TOKEN
    if cleaned is None or jwt_claims(cleaned) is None:
        return NOT_A_TOKEN
    expires = token_expiry(cleaned)
    if expires is not None and expires <= (now or datetime.now(tz=UTC)):
        when = expires.astimezone().strftime("%d %B %Y at %H:%M")
        return f"This access token expired on {when}. Copy a new one from your account settings page."
    return None


class LoginDialog(QDialog):
    """Username and password (or a pasted token), Remember me, the server address under Advanced.

    Logging in runs as a task: the dialog stays responsive, shows a busy bar, and accepts itself on success.
    Errors appear inline in plain words. The password is never logged or stored.
    At start the dialog is the first window and appears before the session exists (``session=None``):
    ``attach()`` hands it over; Log in pressed before that starts as soon as it is there.
    """

    def __init__(
        self,
        session: AccountSession | None,
        *,
        username: str = "",
        remember: bool = False,
        reason: str = "",
        demo_accounts: Sequence[DemoAccountInfo] = (),
        server_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle("Log in to ViteMobile")
        self.setAccessibleName("Log in to ViteMobile")
        self.setModal(True)
        self._session = session
        self._tasks: TaskHolder | None = None
        self._attempt: asyncio.Task[None] | None = None
        self._submit_waiting = False  # Log in pressed before attach()
        self._demo_accounts = list(demo_accounts)

        layout = QVBoxLayout(self)
        title = QLabel("<b>Log in to ViteMobile</b>")
        layout.addWidget(title)
        self.reasonLabel = self._label("loginReason", reason, word_wrap=True)
        self.reasonLabel.setVisible(bool(reason))
        layout.addWidget(self.reasonLabel)

        form = QFormLayout()
        self.demoCombo = named(QComboBox(), "demoCombo")
        self.demoCombo.setAccessibleName("Demo account")
        if self._demo_accounts:
            self.demoCombo.addItem("Choose a demo account…")
            for account in self._demo_accounts:
                self.demoCombo.addItem(f"{account.licence}: {account.username}")
                self.demoCombo.setItemData(
                    self.demoCombo.count() - 1, account.summary, Qt.ItemDataRole.ToolTipRole
                )
            self.demoCombo.currentIndexChanged.connect(self._demo_chosen)
            form.addRow("Demo account:", self.demoCombo)
            self.demoSummary = self._label("demoSummary", "", word_wrap=True)
            self.demoSummary.setVisible(False)
            form.addRow(self.demoSummary)

        self.usernameEdit = named(QLineEdit(username), "usernameEdit")
        self.usernameEdit.setAccessibleName("Username")
        self.usernameEdit.setPlaceholderText("you@example.com")
        self.passwordEdit = named(QLineEdit(), "passwordEdit")
        self.passwordEdit.setAccessibleName("Password")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.tokenEdit = named(QLineEdit(), "tokenEdit")
        self.tokenEdit.setAccessibleName("Access token")
        self.tokenEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.tokenEdit.setPlaceholderText("Paste the token from your account settings page")
        form.addRow("Username:", self.usernameEdit)
        form.addRow("Password:", self.passwordEdit)
        form.addRow("Access token:", self.tokenEdit)
        self._form = form
        layout.addLayout(form)

        self.tokenToggle = named(QCheckBox("Use an access token instead"), "tokenToggle")
        self.tokenToggle.toggled.connect(self._token_mode_changed)
        layout.addWidget(self.tokenToggle)
        self.rememberCheck = named(QCheckBox("Remember me on this computer"), "rememberCheck")
        self.rememberCheck.setChecked(remember)
        self.rememberCheck.setToolTip(
            "Keeps your sign-in in this computer's keychain. Your password is never stored."
        )
        layout.addWidget(self.rememberCheck)

        self.advancedButton = named(QToolButton(), "advancedButton")
        self.advancedButton.setText("Advanced")
        self.advancedButton.setCheckable(True)
        self.advancedButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advancedButton.setArrowType(Qt.ArrowType.RightArrow)
        self.advancedButton.setAutoRaise(True)
        self.advancedButton.toggled.connect(self._advanced_toggled)
        layout.addWidget(self.advancedButton)
        self.advancedBox = named(QWidget(), "advancedBox")
        advanced = QFormLayout(self.advancedBox)
        advanced.setContentsMargins(16, 0, 0, 0)
        self.serverEdit = named(QLineEdit(session.server_url if session else server_url), "serverEdit")
        self.serverEdit.setAccessibleName("Server address")
        advanced.addRow("Server address:", self.serverEdit)
        self.advancedBox.setVisible(False)
        layout.addWidget(self.advancedBox)

        self.loginError = self._label("loginError", "", word_wrap=True)
        self.loginError.setStyleSheet(
            f"color: palette(bright-text); background: {edge_colour(Tone.ERROR).name()}; padding: 6px;"
        )
        self.loginError.setVisible(False)
        layout.addWidget(self.loginError)
        self.busyBar = named(QProgressBar(), "loginBusy")
        self.busyBar.setRange(0, 0)
        self.busyBar.setTextVisible(False)
        self.busyBar.setMaximumHeight(6)
        self.busyBar.setAccessibleName("Logging in")
        self.busyBar.setVisible(False)
        layout.addWidget(self.busyBar)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancelButton = named(QPushButton("Cancel"), "cancelButton")
        self.cancelButton.setAutoDefault(False)
        self.cancelButton.clicked.connect(self.reject)
        self.loginButton = named(QPushButton("Log in"), "loginButton")
        self.loginButton.setDefault(True)
        self.loginButton.clicked.connect(self.submit)
        buttons.addWidget(self.cancelButton)
        buttons.addWidget(self.loginButton)
        layout.addLayout(buttons)

        for edit in (self.usernameEdit, self.passwordEdit, self.tokenEdit, self.serverEdit):
            edit.textEdited.connect(self._clear_error)
        self._token_mode_changed(False)
        self.setMinimumWidth(420)
        (self.passwordEdit if username else self.usernameEdit).setFocus()

    @staticmethod
    def _label(name: str, text: str, *, word_wrap: bool = False) -> QLabel:
        label = named(QLabel(text), name)
        label.setWordWrap(word_wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- reactions -------------------------------------------------------------------------------------

    def _demo_chosen(self, index: int) -> None:
        if index <= 0:
            self.demoSummary.setText("")
            self.demoSummary.setVisible(False)
            return
        account = self._demo_accounts[index - 1]
        self.tokenToggle.setChecked(False)
        self.usernameEdit.setText(account.username)
        self.passwordEdit.setText(account.password)
        self.demoSummary.setText(f"{account.licence} licence: {account.summary}")
        self.demoSummary.setVisible(True)
        self.adjustSize()
        self._clear_error()
        self.loginButton.setFocus()

    def _token_mode_changed(self, token_mode: bool) -> None:
        for widget, visible in (
            (self.usernameEdit, not token_mode),
            (self.passwordEdit, not token_mode),
            (self.tokenEdit, token_mode),
        ):
            self._form.setRowVisible(widget, visible)
        self._clear_error()
        (self.tokenEdit if token_mode else self.usernameEdit).setFocus()

    def _advanced_toggled(self, shown: bool) -> None:
        self.advancedBox.setVisible(shown)
        self.advancedButton.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.adjustSize()

    def _clear_error(self) -> None:
        self.loginError.clear()
        self.loginError.setVisible(False)

    def show_error(self, sentence: str) -> None:
        self.loginError.setText(sentence)
        self.loginError.setVisible(True)

    @property
    def busy(self) -> bool:
        return self._submit_waiting or (self._attempt is not None and not self._attempt.done())

    def _set_busy(self, busy: bool) -> None:
        self.busyBar.setVisible(busy)
        for widget in (
            self.demoCombo,
            self.usernameEdit,
            self.passwordEdit,
            self.tokenEdit,
            self.tokenToggle,
            self.rememberCheck,
            self.serverEdit,
            self.loginButton,
        ):
            widget.setEnabled(not busy)
        self.loginButton.setText("Logging in…" if busy else "Log in")

    # --- logging in ------------------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the fields, then log in in the background (Enter and the Log in button come here)."""
        if self.busy:
            return
        problem, field = self._field_problem()
        if problem:
            self.show_error(problem)
            field.setFocus()
            return
        self._clear_error()
        self._set_busy(True)
        if self._session is None:
            self._submit_waiting = True
            return
        self._start_attempt()

    def attach(self, session: AccountSession) -> None:
        """The session to log in through (the dialog opened before it existed); shows its server address."""
        self._session = session
        if not self.serverEdit.isModified():
            self.serverEdit.setText(session.server_url)
        if self._submit_waiting:
            self._submit_waiting = False
            self._start_attempt()

    def _start_attempt(self) -> None:
        if self._tasks is None:
            from vitedesk.ui.qt_async import TaskHolder

            self._tasks = TaskHolder(on_error=self._unexpected)
        self._attempt = self._tasks.start(self._log_in(), name="log in")

    def _field_problem(self) -> tuple[str, QWidget]:
        if not self.serverEdit.text().strip():
            self.advancedButton.setChecked(True)
            return (
                "Type the server address under Advanced (normally https://core.vitemobile.com).",
                self.serverEdit,
            )
        if self.tokenToggle.isChecked():
            return check_pasted_token(self.tokenEdit.text().strip()) or "", self.tokenEdit
        if not self.usernameEdit.text().strip():
            return "Type your username (the e-mail address you log in to ViteMobile with).", self.usernameEdit
        if not self.passwordEdit.text():
            return "Type your password.", self.passwordEdit
        return "", self

    async def _log_in(self) -> None:
        assert self._session is not None  # submit() waits for attach()
        server = self.serverEdit.text().strip()
        remember = self.rememberCheck.isChecked()
        try:
            if self.tokenToggle.isChecked():
                await self._session.use_token(server, self.tokenEdit.text().strip(), remember)
            else:
                username = self.usernameEdit.text().strip()
                await self._session.log_in(server, username, self.passwordEdit.text(), remember)
        except ApiError as error:
            self._set_busy(False)
            self.show_error(error.user_message)
            if error.status == 401:
                self.passwordEdit.selectAll()
                self.passwordEdit.setFocus()
            elif error.status is None and "address" in error.user_message:
                self.advancedButton.setChecked(True)
                self.serverEdit.setFocus()
            return
        self._set_busy(False)
        self.passwordEdit.clear()
        self.accept()

    def _unexpected(self, error: BaseException) -> None:
        self._set_busy(False)
        self.show_error(
            "Something unexpected went wrong while logging in. "
            "Try again; if it keeps happening, restart ViteDesk."
        )

    def reject(self) -> None:
        self._submit_waiting = False
        if self._attempt is not None and not self._attempt.done():
            self._attempt.cancel()
            self._set_busy(False)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        event.accept()
