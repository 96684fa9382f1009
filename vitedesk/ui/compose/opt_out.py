"""The opt-out list joined to the window: Campaign → Opt-out list… [optOutAction] opens the dialog, Save keeps
the list on disk and hands it to the recipients, and what went wrong reading or saving it is said in the
window's notices."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from vitedesk.store.opt_out import OptOutStore
from vitedesk.ui.common.actions import make_action
from vitedesk.ui.common.widgets import Tone
from vitedesk.ui.compose.opt_out_dialog import OptOutDialog
from vitedesk.ui.main_window import MainWindow
from vitedesk.ui.qt_async import open_dialog

log = logging.getLogger(__name__)

OPT_OUT_TOPIC = "optOutNotice"


class OptOutKeeper(QObject):
    """Owns the window's opt-out action; `numbers()` is the list as it is now (None: it cannot be read)."""

    def __init__(self, window: MainWindow, store: OptOutStore) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.optOutAction = make_action(
            window, "&Opt-out list…", lambda: window.tasks.start(self.edit(), name="opt-out list")
        )
        self.optOutAction.setObjectName("optOutAction")
        self.optOutAction.setToolTip("The numbers that never get a text from ViteDesk")
        window.campaignMenu.addSeparator()
        window.campaignMenu.addAction(self.optOutAction)
        self._apply()

    def numbers(self) -> frozenset[str] | None:
        return self.store.numbers()

    async def edit(self) -> bool:
        """The dialog over the list as it is; Save keeps the new list (at once, on disk); Cancel changes
        nothing."""
        current = self.store.numbers() or frozenset()
        dialog = OptOutDialog(current, self.window.leads.default_region(), self.window)
        saved = await open_dialog(dialog) == QDialog.DialogCode.Accepted.value
        if saved:
            numbers = dialog.numbers()
            self.store.replace(numbers)
            log.info("Opt-out list saved: %d numbers", len(numbers))
            self._apply()
        dialog.deleteLater()
        return saved

    def _apply(self) -> None:
        self.window.leads.set_opted_out(self.store.numbers() or frozenset())
        self.window.notices.show_message(OPT_OUT_TOPIC, self.store.problem or "", Tone.WARNING)
