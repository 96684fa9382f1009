""" "Send a test to me" [testSendButton]: the composed campaign, to the person's own number only.

The message, pictures and route are the campaign's; the recipients are replaced by the own number. It goes
through the send flow without a confirmation (nobody else receives it), with Send disabled while it is out;
the history marks it as a test and the identical-campaign guard ignores it. The first time, a small dialog
asks for the number and the settings keep it (File → Settings… changes it later).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from vitedesk.core.campaign import Campaign
from vitedesk.store.settings import Settings
from vitedesk.ui.main_window import MainWindow
from vitedesk.ui.qt_async import open_dialog
from vitedesk.ui.send.own_number import OwnNumberDialog

PLACEHOLDER = "+12025550143"  # stands in for the own number before it is known, to check the rest


class SendToMyself(QObject):
    """Joins the window's testSendButton to its send flow, with the own number kept in `settings`."""

    def __init__(
        self, window: MainWindow, settings: Settings, save: Callable[[Settings], object] | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._save = save
        self.own_number_dialog: OwnNumberDialog | None = None  # while open, for tests
        self.button = window.sendBar.testSendButton
        self.button.setVisible(True)
        self.button.clicked.connect(self.request)
        window.contentChanged.connect(self.refresh)
        window.flow.busyChanged.connect(lambda _busy: self.refresh())
        self.refresh()

    def campaign(self, number: str) -> Campaign:
        """The window's campaign addressed to `number` only (built without the lead list: it runs on every
        edit, and the list may hold 100,000 numbers)."""
        window = self._window
        return Campaign(
            leads=[number],
            message=window.composer.message(),
            route=window.route.route(),
            images=window.images.images(),
            prepared=window.images.prepared(),
        )

    def refresh(self) -> None:
        problem = self._window.blocking_problem(self.campaign(self._settings.own_number or PLACEHOLDER))
        self.button.setEnabled(problem is None and not self._window.flow.busy)
        own = self._settings.own_number
        self.button.setToolTip(
            problem.message
            if problem is not None
            else f"Send this campaign to your own number ({own}) only, without confirmation"
            if own
            else "Send this campaign to your own number only; you are asked for it the first time"
        )

    def request(self) -> None:
        if self._window.flow.busy:
            return
        self._window.tasks.start(self._send(), name="send a test")

    async def _send(self) -> None:
        number = self._settings.own_number or await self._ask_number()
        if not number:
            return
        campaign = self.campaign(number)
        problem = self._window.blocking_problem(campaign)
        if problem is not None:
            self._window.focus_problem(problem)
            return
        self._window.flow.request_test(campaign)

    async def _ask_number(self) -> str:
        dialog = OwnNumberDialog(self._window.leads.default_region(), parent=self._window)
        self.own_number_dialog = dialog
        try:
            if await open_dialog(dialog) != OwnNumberDialog.DialogCode.Accepted.value:
                return ""
            number = dialog.number() or ""
        finally:
            self.own_number_dialog = None
            dialog.deleteLater()
        if number:
            self._settings.own_number = number
            if self._save is not None:
                self._save(self._settings)
            self.refresh()
        return number
