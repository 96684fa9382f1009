"""The main window: Recipients, Message + Images, Route, and the Send bar with its notice.

The window is a view plus the glue between the widgets: it builds a Campaign from what they hold, shows why
Send is disabled, and hands a click on Send to the SendFlow. Network, keychain and history stay outside.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.campaign import Campaign, Problem
from vitedesk.ui.account.account_bar import AccountBar
from vitedesk.ui.account.login import DemoAccountInfo, LoginDialog
from vitedesk.ui.account.session import TOKEN_ACCOUNT, AccountSession
from vitedesk.ui.common.actions import make_action, show_about
from vitedesk.ui.common.sandbox_banner import SandboxBanner
from vitedesk.ui.common.widgets import Tone, group_box, named, scrolling
from vitedesk.ui.compose.composer import Composer
from vitedesk.ui.compose.images import ImagePicker
from vitedesk.ui.compose.leads import IMPORT_NUMBERS, IMPORT_NUMBERS_TIP, LeadEditor
from vitedesk.ui.compose.preparing import PictureOptions
from vitedesk.ui.compose.route import RouteSelector
from vitedesk.ui.qt_async import TaskHolder, open_dialog
from vitedesk.ui.send.close_guard import close_while_sending
from vitedesk.ui.send.confirm import protocol_text
from vitedesk.ui.send.errors_view import StatusBanner
from vitedesk.ui.send.notice_area import NoticeArea
from vitedesk.ui.send.send_bar import SendBar
from vitedesk.ui.send.send_flow import Notice, SendFlow


class MainWindow(QMainWindow):
    """Signals: contentChanged() after any edit (for draft saving); closing() when it really closes;
    newCampaignStarted() after New campaign emptied it; historyRequested() / logFolderRequested() from menus.
    """

    contentChanged = Signal()
    closing = Signal()
    newCampaignStarted = Signal()
    historyRequested = Signal()
    logFolderRequested = Signal()
    settingsRequested = Signal()

    def __init__(
        self,
        session: AccountSession,
        *,
        demo_accounts: Sequence[DemoAccountInfo] = (),
        sandbox_url: str | None = None,
        icon: QIcon | None = None,
        pictures: PictureOptions | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("ViteDesk" + (" — Sandbox" if sandbox_url else ""))
        if icon is not None:
            self.setWindowIcon(icon)
        self.session = session
        self._demo_accounts = list(demo_accounts)
        self._remember_default = False  # Remember me in the login dialog; the settings' choice at start
        self.login_remember: bool | None = None  # the Remember me choice of the last successful login
        self.last_username = ""  # offered by the login dialog when nobody is signed in (from the settings)
        self.tasks = TaskHolder(on_error=self._unexpected)
        self.flow = SendFlow(session, self.ask_login, self, self.tasks)  # its recorder: Workspace
        self._login: asyncio.Future[bool] | None = None
        self._close_asked = False  # the close-while-sending question is open
        self._leave_while_sending = False
        self.login_dialog: LoginDialog | None = None

        self.leads = LeadEditor()
        self.composer = Composer()
        self.images = ImagePicker(options=pictures)
        self.route = RouteSelector()
        self._build(sandbox_url)
        self._build_menus()

        self.leads.reportChanged.connect(self._edited)
        self.composer.messageChanged.connect(self._edited)
        self.images.imagesChanged.connect(self._edited)
        self.route.routeChanged.connect(self._edited)
        self.session.changed.connect(self._show_account)
        self.flow.busyChanged.connect(self._busy_changed)
        self.flow.sendingChanged.connect(self._sending_changed)
        self.flow.finished.connect(self.show_notice)
        self.banner.actionRequested.connect(self._notice_action)
        self._show_account()
        self.refresh()
        # Never larger than the screen it opens on (1024x600 netbooks, 200% scaling on 1920x1080).
        room = self.screen().availableGeometry()
        self.resize(min(1120, room.width()), min(780, room.height() - 40))

    # --- construction ----------------------------------------------------------------------------------

    def _build(self, sandbox_url: str | None) -> None:
        central = named(QWidget(), "central")
        outer = QVBoxLayout(central)
        if sandbox_url:
            self.sandboxBanner: SandboxBanner | None = SandboxBanner(sandbox_url)
            outer.addWidget(self.sandboxBanner)
        else:
            self.sandboxBanner = None
        self.notices = NoticeArea()
        outer.addWidget(self.notices)

        self.accountBar = AccountBar()
        self.accountLabel = self.accountBar.accountLabel
        self.accountButton = self.accountBar.accountButton
        self.accountButton.clicked.connect(self._account_clicked)
        outer.addWidget(self.accountBar)

        # Both columns scroll when the screen is small (1024x600, or 200% scaling): Send stays in view.
        recipients = group_box("1. Recipients", "recipientsGroup", self.leads)
        right = named(QWidget(), "campaignColumn")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(group_box("2. Message", "messageGroup", self.composer), 3)
        right_layout.addWidget(group_box("Images (MMS, optional)", "imagesGroup", self.images), 2)
        right_layout.addWidget(group_box("3. Route", "routeGroup", self.route), 0)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.recipientsScroll = scrolling(recipients, "recipientsScroll")
        self.campaignScroll = scrolling(right, "campaignScroll")
        self.splitter.addWidget(self.recipientsScroll)
        self.splitter.addWidget(self.campaignScroll)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([480, 520])
        outer.addWidget(self.splitter, 1)

        self.sendBar = SendBar()
        self.protocolLabel = self.sendBar.protocolLabel
        self.sendReason = self.sendBar.sendReason
        self.sendProgress = self.sendBar.sendProgress
        self.sendButton = self.sendBar.sendButton
        self.sendButton.clicked.connect(self.request_send)
        outer.addWidget(self.sendBar)

        self.banner = StatusBanner()
        self.sendStatus = self.banner.sendStatus
        outer.addWidget(self.banner)
        self.setCentralWidget(central)
        self.setTabOrder(self.leads, self.composer)
        self.setTabOrder(self.composer, self.images)
        self.setTabOrder(self.images, self.route)
        self.setTabOrder(self.route, self.sendButton)

    def _build_menus(self) -> None:
        key = QKeySequence
        self.importAction = make_action(self, f"&{IMPORT_NUMBERS}", self.import_leads, key("Ctrl+O"))
        self.importAction.setToolTip(IMPORT_NUMBERS_TIP)
        self.addImagesAction = make_action(self, "Add &images…", self.add_images, key("Ctrl+I"))
        self.sendAction = make_action(
            self, "&Send…", self.request_send, [key("Ctrl+Return"), key("Ctrl+Enter")]
        )
        self.newAction = make_action(self, "&New campaign…", self.new_campaign, key(key.StandardKey.New))
        self.quitAction = make_action(self, "&Quit", self.close, key(key.StandardKey.Quit))
        self.loginAction = make_action(self, "&Log in…", lambda: self.tasks.start(self.ask_login()))
        self.logoutAction = make_action(self, "Log &out", self.log_out)
        self.aboutAction = make_action(self, "&About ViteDesk", self._about)
        self.historyAction = make_action(self, "Send &history…", self.historyRequested.emit, key("Ctrl+H"))
        self.logFolderAction = make_action(self, "Open &log folder", self.logFolderRequested.emit)
        self.settingsAction = make_action(self, "S&ettings…", self.settingsRequested.emit, key("Ctrl+,"))
        self.settingsAction.setObjectName("settingsAction")
        self.settingsAction.setEnabled(False)  # until something keeps the settings (the Workspace)
        bar = self.menuBar()
        self.fileMenu = bar.addMenu("&File")
        self.fileMenu.addActions([self.importAction, self.addImagesAction])
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.historyAction)
        self.fileMenu.addAction(self.settingsAction)
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.quitAction)
        self.campaignMenu = bar.addMenu("&Campaign")
        self.campaignMenu.addActions([self.sendAction, self.newAction])
        self.accountMenu = bar.addMenu("&Account")
        self.accountMenu.addActions([self.loginAction, self.logoutAction])
        self.helpMenu = bar.addMenu("&Help")
        self.helpMenu.addActions([self.logFolderAction, self.aboutAction])

    # --- the campaign ----------------------------------------------------------------------------------

    def campaign(self) -> Campaign:
        """The campaign as the widgets hold it right now."""
        return Campaign(
            leads=list(self.leads.recipients()),
            message=self.composer.message(),
            route=self.route.route(),
            images=self.images.images(),
            prepared=self.images.prepared(),
            unverified=self.leads.unverified_included(),
        )

    def blocking_problem(self, campaign: Campaign | None = None) -> Problem | None:
        problems = (campaign or self.campaign()).problems()
        return next((p for p in problems if p.blocking), None)

    def _edited(self, *_args: object) -> None:
        self.refresh()
        self.contentChanged.emit()

    def refresh(self) -> None:
        """Protocol label, route problems, recipient count and the Send button's state and reason."""
        campaign = self.campaign()
        problems = campaign.problems()
        self.protocolLabel.setText(protocol_text(campaign))
        self.composer.set_protocol(campaign.effective_protocol)
        self.composer.set_recipient_count(len(campaign.leads))
        self.route.show_problems(problems)
        blocking = next((p for p in problems if p.blocking), None)
        reason = blocking.message if blocking else ""
        if not reason and not self.session.signed_in:
            reason = "You will be asked to log in before sending."
        self.sendReason.setText(reason)
        self.sendButton.setEnabled(blocking is None and not self.flow.busy)
        self.sendButton.setToolTip(
            blocking.message if blocking else "Review and send the campaign (Ctrl+Return)"
        )

    def focus_problem(self, problem: Problem) -> None:
        targets: dict[str, QWidget] = {
            "leads": self.leads.leadEdit,
            "message": self.composer.messageEdit,
            "images": self.images.addButton,
            "protocol": self.images.addButton,
            "server_id": self.route.serverIdEdit,
            "sid": self.route.sidEdit,
        }
        if problem.field in ("route", "server_id", "sid"):
            self.route.reveal_problems()
        targets.get(problem.field, self.route.routePublic).setFocus()

    # --- sending ---------------------------------------------------------------------------------------

    def request_send(self) -> None:
        """Send button / Ctrl+Return: through the confirmation; ignored while a send is under way."""
        if self.flow.busy:
            return
        campaign = self.campaign()
        blocking = self.blocking_problem(campaign)
        if blocking is not None:  # said once, beside Send (sendReason): no second copy in the banner
            self.focus_problem(blocking)
            return
        self.flow.request_send(campaign)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self.sendButton.setEnabled(False)
        else:
            self.refresh()

    def _sending_changed(self, sending: bool) -> None:
        self.sendProgress.setVisible(sending)
        self.sendButton.setText("Sending…" if sending else "Send…")
        if sending:
            self.banner.show_progress("Sending your campaign to ViteMobile… Please wait for the answer.")

    def show_notice(self, notice: Notice) -> None:
        self.banner.show_notice(notice)
        if notice.action == "recipients":
            self.leads.leadEdit.setFocus()

    def _notice_action(self, action: str) -> None:
        if action == "retry":
            self.request_send()
        elif action == "recipients":
            self.leads.leadEdit.setFocus()
        elif action == "login":
            self.tasks.start(self.ask_login())

    # --- account ---------------------------------------------------------------------------------------

    def set_remember_default(self, remember: bool) -> None:
        """Whether the login dialog starts with Remember me ticked (until a login chooses otherwise)."""
        self._remember_default = remember

    async def ask_login(self, reason: str = "", dialog: LoginDialog | None = None) -> bool:
        """Open the login dialog over the window (one at a time), or wait for `dialog`; True if signed in."""
        if self._login is not None and not self._login.done():
            return await asyncio.shield(self._login)
        self._login = asyncio.get_running_loop().create_future()
        dialog = dialog or LoginDialog(
            self.session,
            username=self._login_username(),
            remember=self._remember_default,
            reason=reason,
            demo_accounts=self._demo_accounts,
            parent=self,
        )
        self.login_dialog = dialog
        try:
            accepted = await open_dialog(dialog) == LoginDialog.DialogCode.Accepted
            if accepted:
                self._remember_default = self.login_remember = dialog.rememberCheck.isChecked()
            self._login.set_result(accepted)
            return accepted
        finally:
            if not self._login.done():
                self._login.set_result(False)
            self.login_dialog = None
            dialog.deleteLater()

    def _login_username(self) -> str:
        username = self.session.username
        return username if username and username != TOKEN_ACCOUNT else self.last_username

    def _show_account(self) -> None:
        self.accountBar.show_session(self.session)
        self.loginAction.setEnabled(not self.session.signed_in)
        self.logoutAction.setEnabled(self.session.signed_in)
        self.refresh()

    def _account_clicked(self) -> None:
        if self.session.signed_in:
            self.log_out()
        else:
            self.tasks.start(self.ask_login())

    def log_out(self) -> None:
        self.session.log_out()
        self.show_notice(
            Notice(Tone.INFO, "You are logged out. Your campaign is kept; log in again to send it.")
        )

    # --- other actions ---------------------------------------------------------------------------------

    def import_leads(self) -> None:
        self.leads.choose_file()

    def add_images(self) -> None:
        self.images.choose_files()

    def new_campaign(self) -> None:
        self.tasks.start(self._new_campaign())

    async def _new_campaign(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Start a new campaign?",
            "This empties the recipients, the message and the images. Start a new campaign?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        await open_dialog(box)
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.leads.set_text("")
            self.composer.set_message("")
            self.images.set_images([])
            self.banner.hide()
            self.newCampaignStarted.emit()
        box.deleteLater()

    def _about(self) -> None:
        show_about(self)

    def _unexpected(self, error: BaseException) -> None:
        self.show_notice(
            Notice(
                Tone.ERROR,
                "Something unexpected went wrong inside ViteDesk. Your campaign is kept; try again.",
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.flow.sending and not self._leave_while_sending:
            event.ignore()
            if not self._close_asked:
                self.tasks.start(self._close_while_sending(), name="close while sending")
            return
        event.accept()
        self.closing.emit()

    async def _close_while_sending(self) -> None:
        self._close_asked = True
        try:
            leave = await close_while_sending(self)
        finally:
            self._close_asked = False
        if leave:
            await self.flow.abandon()  # the history row becomes "outcome unknown" before the window goes
            self._leave_while_sending = True
            self.close()
