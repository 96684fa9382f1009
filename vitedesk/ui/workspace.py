"""The main window joined to what the app keeps on disk: settings, drafts, send history, log folder, keychain.

MainWindow knows none of the store; this object connects the two and is built by the composition root. It is
the one door between the stores and the widgets: it hands the send flow its recorder, puts the remembered
settings into the widgets at start and takes them back at the end.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from vitedesk.core.clock import Clock, SystemClock
from vitedesk.core.cost import Prices
from vitedesk.core.quiet_hours import QuietWindow
from vitedesk.store.credentials import TokenVault
from vitedesk.store.drafts import DraftStore
from vitedesk.store.history import HistoryStore
from vitedesk.store.licence_limits import LicenceLimitStore
from vitedesk.store.opt_out import OptOutStore
from vitedesk.store.settings import Settings
from vitedesk.ui.account.session import TOKEN_ACCOUNT
from vitedesk.ui.common.widgets import Tone
from vitedesk.ui.compose.draft_keeper import DraftKeeper
from vitedesk.ui.compose.opt_out import OptOutKeeper
from vitedesk.ui.history.recorder import HistoryRecorder
from vitedesk.ui.history.window import HistoryWindow
from vitedesk.ui.main_window import MainWindow
from vitedesk.ui.qt_async import open_dialog
from vitedesk.ui.send.advisor import SendAdvisor
from vitedesk.ui.send.send_flow import SendRecorder
from vitedesk.ui.send.to_myself import SendToMyself
from vitedesk.ui.settings.dialog import SettingsDialog

log = logging.getLogger(__name__)

UrlOpener = Callable[[QUrl], bool]

KEYCHAIN_TOPIC = "keychainNotice"
INTERRUPTED_TOPIC = "interruptedNotice"
FILES_TOPIC = "filesNotice"
HISTORY_TOPIC = "historyNotice"
NO_HISTORY = (
    "ViteDesk could not open its send history ({reason}), so this session's sends are not recorded and "
    "it cannot warn you about sending the same campaign twice. Restart ViteDesk; if this stays, check "
    "the disk."
)
LOG_FOLDER_FAILED = "ViteDesk could not open the log folder. You find the log files in {folder}"


def interrupted_sentence(count: int) -> str:
    """What to tell the person about sends a crash or kill interrupted last time."""
    if count == 1:
        start = "1 send was interrupted when ViteDesk stopped last time, so it may or may not have gone out."
    else:
        start = (
            f"{count} sends were interrupted when ViteDesk stopped last time, so they may or may not "
            "have gone out."
        )
    return (
        f"{start} Check your ViteMobile account before sending again. "
        "File → Send history (Ctrl+H) lists them as “Outcome unknown”."
    )


class Workspace(QObject):
    """Connects a MainWindow to the draft store, the send history, the log folder and the keychain."""

    def __init__(
        self,
        window: MainWindow,
        *,
        drafts: DraftStore | None,
        history: HistoryStore | None,
        log_dir: Path | None,
        vault: TokenVault | None = None,
        open_url: UrlOpener | None = None,
        settings: Settings | None = None,
        recorder: SendRecorder | None = None,
        save_settings: Callable[[Settings], object] | None = None,
        limits: LicenceLimitStore | None = None,
        clock: Clock | None = None,
        opt_out: OptOutStore | None = None,
    ) -> None:
        """``recorder`` replaces the recorder over ``history``; ``settings`` are shown in the widgets now;
        ``save_settings`` keeps them on disk when the person changes them in the Settings dialog;
        ``limits`` remembers licence limits (in memory without); ``clock`` is the app's "now";
        ``opt_out`` keeps the opt-out list (in memory without)."""
        super().__init__(window)
        self.window = window
        self.history = history
        self.log_dir = log_dir
        self.settings = settings
        self._save_settings = save_settings
        self._vault = vault
        self._open_url: UrlOpener = open_url or QDesktopServices.openUrl
        self._keychain_told = False
        # QWidget.saveGeometry() as base64, kept in the settings
        self.history_geometry = settings.history_geometry if settings is not None else None
        self.history_window: HistoryWindow | None = None
        if settings is not None:
            self._show_settings(settings)
        self.drafts = DraftKeeper(window, drafts) if drafts is not None else None
        if recorder is None and history is not None:
            recorder = HistoryRecorder(history, window.session, self._history_changed)
        self.recorder = recorder
        window.flow.set_recorder(recorder)
        self.opt_out = OptOutKeeper(window, opt_out if opt_out is not None else OptOutStore(None))
        self.advisor = SendAdvisor(
            window,
            limits if limits is not None else LicenceLimitStore(None),
            clock or SystemClock(),
            quiet=lambda: settings.quiet_window() if settings is not None else QuietWindow(),
            prices=lambda: settings.prices() if settings is not None else Prices(),
            opted_out=self.opt_out.numbers,
        )
        window.flow.set_advisor(self.advisor)
        self.test_sender = SendToMyself(window, settings, save_settings) if settings is not None else None
        window.historyAction.setEnabled(history is not None)
        window.logFolderAction.setEnabled(log_dir is not None)
        window.historyRequested.connect(self.show_history)
        window.logFolderRequested.connect(self.open_log_folder)
        window.settingsAction.setEnabled(settings is not None)
        window.settingsRequested.connect(lambda: window.tasks.start(self.edit_settings(), name="settings"))
        window.session.changed.connect(self.check_keychain)
        window.closing.connect(self._close_history)

    # --- settings ------------------------------------------------------------------------------------

    def _show_settings(self, settings: Settings) -> None:
        self.window.leads.set_default_region(settings.default_region)
        self.window.composer.set_prices(settings.prices())
        self.window.set_remember_default(settings.remember)
        if settings.window_geometry:
            self.window.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode("ascii")))
        if settings.main_splitter:
            self.window.splitter.restoreState(QByteArray.fromBase64(settings.main_splitter.encode("ascii")))
        # The login dialog offers the account used last (a practice session remembers its own).
        practice = self.window.sandboxBanner is not None
        self.window.last_username = settings.sandbox_username if practice else settings.last_username

    async def edit_settings(self) -> bool:
        """File → Settings…: the dialog over a copy; OK applies it to the widgets and saves it at once."""
        if self.settings is None:
            return False
        self.remember_settings(practice=True)  # what the widgets hold now is what the dialog starts from
        dialog = SettingsDialog(self.settings, self.window)
        accepted = await open_dialog(dialog) == QDialog.DialogCode.Accepted.value
        if accepted:
            if not dialog.settings().remember and self.window.session.remembered:
                self.window.session.stop_remembering()  # "Remember me" off: out of the keychain
            for field in dataclasses.fields(self.settings):
                setattr(self.settings, field.name, getattr(dialog.settings(), field.name))
            self.window.leads.set_default_region(self.settings.default_region)
            self.window.composer.set_prices(self.settings.prices())
            self.window.images.set_limits(*self.settings.picture_limits())
            self.window.set_remember_default(self.settings.remember)
            self.window.login_remember = None  # the dialog's choice stands until the next log in
            if self._save_settings is not None:
                self._save_settings(self.settings)
        dialog.deleteLater()
        return accepted

    def remember_settings(self, *, practice: bool) -> Settings | None:
        """Put what the widgets hold now into the settings (saving them is the caller's); None without any.

        A practice (sandbox) session never changes the real server address or account.
        """
        settings = self.settings
        if settings is None:
            return None
        window = self.window
        settings.default_region = window.leads.default_region()
        settings.window_geometry = bytes(window.saveGeometry().toBase64().data()).decode("ascii")
        settings.history_geometry = self.history_geometry
        settings.main_splitter = bytes(window.splitter.saveState().toBase64().data()).decode("ascii")
        session = window.session
        named_account = bool(session.username) and session.username != TOKEN_ACCOUNT
        if named_account and window.sandboxBanner is not None:
            settings.sandbox_username = session.username
        if practice:
            return settings
        settings.server_url = session.server_url
        if named_account:
            settings.last_username = session.username
        if window.login_remember is not None:
            settings.remember = window.login_remember
        return settings

    # --- start-up ------------------------------------------------------------------------------------

    def start(
        self, *, interrupted: int = 0, history_problem: str | None = None, files: Sequence[str] = ()
    ) -> None:
        """The notices the stores have for this session, then the draft of the last one restored.

        `files`: sentences about files and folders set aside before the window opened (settings, folders).
        """
        if files:
            self.window.notices.show_message(FILES_TOPIC, " ".join(files), Tone.WARNING)
        if self.history is None:
            self.tell_history_unavailable(history_problem or "unknown reason")
        elif self.history.problem:
            self.window.notices.show_message(HISTORY_TOPIC, self.history.problem, Tone.WARNING)
        self.tell_interrupted(interrupted)
        self.check_keychain(at_start=True)
        if self.drafts is not None:
            self.drafts.restore()

    def finish(self) -> None:
        """The window has closed: write the draft now rather than after the pause."""
        if self.drafts is not None:
            self.drafts.flush()

    def tell_interrupted(self, count: int) -> None:
        if count:
            self.window.notices.show_message(INTERRUPTED_TOPIC, interrupted_sentence(count), Tone.WARNING)

    def tell_history_unavailable(self, reason: str) -> None:
        self.window.notices.show_message(HISTORY_TOPIC, NO_HISTORY.format(reason=reason), Tone.WARNING)

    def check_keychain(self, *, at_start: bool = False) -> None:
        """Say once, without a dialog, that the keychain failed (the app keeps working this session).

        Only when it matters: remembering a sign-in was asked for, or the stored one could not be read.
        """
        problem = self._vault.problem if self._vault is not None else None
        wanted = at_start or self.window.session.remembered
        if problem and wanted and not self._keychain_told:
            self._keychain_told = True
            self.window.notices.show_message(KEYCHAIN_TOPIC, problem, Tone.WARNING)

    # --- history -------------------------------------------------------------------------------------

    def show_history(self) -> None:
        if self.history is None:
            return
        if self.history_window is None:
            self.history_window = HistoryWindow(self.history, default_region=self.window.leads.default_region)
            self.history_window.setWindowIcon(self.window.windowIcon())
            if self.history_geometry:
                self.history_window.restoreGeometry(QByteArray.fromBase64(self.history_geometry.encode()))
        self.history_window.show()
        self.history_window.raise_()
        self.history_window.activateWindow()

    def _history_changed(self) -> None:
        if self.history_window is not None and self.history_window.isVisible():
            self.history_window.refresh()  # hidden windows refresh when shown again

    def _close_history(self) -> None:
        if self.history_window is not None:
            geometry = self.history_window.saveGeometry().toBase64().data()
            self.history_geometry = bytes(geometry).decode("ascii")
            self.history_window.close()
            self.history_window.deleteLater()
            self.history_window = None

    # --- logs ----------------------------------------------------------------------------------------

    def log_folder_url(self) -> QUrl | None:
        return QUrl.fromLocalFile(str(self.log_dir)) if self.log_dir is not None else None

    def open_log_folder(self) -> bool:
        url = self.log_folder_url()
        if url is None or self.log_dir is None:
            return False
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if self._open_url(url):
            return True
        log.warning("The desktop refused to open the log folder %s", self.log_dir)
        self.window.notices.show_message(
            "logFolderNotice", LOG_FOLDER_FAILED.format(folder=self.log_dir), Tone.INFO
        )
        return False
