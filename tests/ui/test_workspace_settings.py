"""The workspace puts the remembered settings into the widgets at start and takes them back at the end."""

from __future__ import annotations

from vitedesk.store import Settings
from vitedesk.ui.account.session import AccountSession
from vitedesk.ui.main_window import MainWindow
from vitedesk.ui.workspace import Workspace

BUSINESS = "business@sandbox.test"


def open_desk(qtbot, server_url: str, settings: Settings) -> tuple[MainWindow, Workspace]:
    window = MainWindow(AccountSession(server_url))
    qtbot.addWidget(window)
    workspace = Workspace(window, drafts=None, history=None, log_dir=None, settings=settings)
    return window, workspace


def test_remembered_settings_reach_the_widgets_and_come_back(qtbot, sandbox, run_async, drive) -> None:
    settings = Settings(server_url="https://core.vitemobile.com", default_region="GB", remember=True)
    window, workspace = open_desk(qtbot, sandbox.url, settings)
    try:
        assert window.leads.default_region() == "GB"
        window.show()
        window.tasks.start(window.ask_login())
        qtbot.waitUntil(lambda: window.login_dialog is not None)
        assert window.login_dialog.rememberCheck.isChecked()  # Remember me as chosen last time
        window.login_dialog.rememberCheck.setChecked(False)
        drive.login(window, BUSINESS)
        window.leads.set_default_region("DE")
        window.resize(760, 560)

        assert workspace.remember_settings(practice=False) is settings
        assert settings.default_region == "DE"
        assert (settings.server_url, settings.last_username, settings.remember) == (
            sandbox.url,
            BUSINESS,
            False,
        )
        again, _ = open_desk(qtbot, sandbox.url, settings)
        assert again.leads.default_region() == "DE" and again.size() == window.size()
        run_async(again.session.aclose())
    finally:
        run_async(window.tasks.cancel_all())
        run_async(window.session.aclose())


def test_a_practice_session_keeps_the_real_account(qtbot, sandbox, run_async) -> None:
    settings = Settings(server_url="https://core.vitemobile.com", last_username="ana@shop.test")
    window, workspace = open_desk(qtbot, sandbox.url, settings)
    try:
        run_async(window.session.log_in(sandbox.url, BUSINESS, "sandbox", False))
        window.leads.set_default_region("FR")
        workspace.remember_settings(practice=True)
        assert settings.default_region == "FR"  # what the widgets hold is kept
        assert (settings.server_url, settings.last_username) == (
            "https://core.vitemobile.com",
            "ana@shop.test",
        )
    finally:
        run_async(window.session.aclose())
