"""Composition root: parse arguments, build the application and wire its parts together.

`main(argv)` reuses a running QApplication (and its qasync loop) when there is one, so tests and hosts can
drive the app; it then never calls QApplication.exit() and ends by closing the HTTP client and the sandbox.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real imports wait until they are needed: start-up time (see the README)
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from vitedesk.core.clock import Clock
    from vitedesk.sandbox import SandboxServer
    from vitedesk.store import TokenVault
    from vitedesk.store.profile import ProfileStart
    from vitedesk.ui.account.login import DemoAccountInfo, LoginDialog
    from vitedesk.ui.account.session import AccountSession
    from vitedesk.ui.common.single_instance import SingleInstance
    from vitedesk.ui.main_window import MainWindow
    from vitedesk.ui.send.send_flow import SendRecorder
    from vitedesk.ui.workspace import UrlOpener, Workspace
    from vitedesk.wiring import Services

log = logging.getLogger(__name__)

# Next to the package in a source tree; inside the bundle (sys._MEIPASS) when frozen by PyInstaller.
RESOURCES = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NO_DISPLAY = "ViteDesk needs a graphical desktop: no display was found"


class ShowVersion(argparse.Action):
    """--version; the version is read only then (importlib.metadata would delay every start by ~12 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from vitedesk import __version__

        print(f"ViteDesk {__version__}")
        parser.exit()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="vitedesk", description="Send SMS and MMS campaigns with ViteMobile."
    )
    parser.add_argument("--version", action=ShowVersion)
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="practise with the built-in sandbox server on this computer: nothing is really sent",
    )
    parser.add_argument(
        "--sandbox-port",
        type=int,
        default=0,
        metavar="N",
        help="port of the sandbox (default: any free port)",
    )
    parser.add_argument(
        "--sandbox-clock",
        metavar="TIME",
        help="with --sandbox: take this ISO 8601 time (such as 2026-03-08T06:30-05:00) as the current "
        "time, to practise quiet hours",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="send one MMS from the real window to the built-in sandbox (or --server), then exit: "
        "0 and 'smoke test passed: campaign <id>', else 1 (installer check; throwaway data, no keychain)",
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        help="with --smoke-test: the server to send to (account in VITEDESK_SMOKE_USERNAME/_PASSWORD)",
    )
    parser.add_argument(
        "--log-level",
        choices=("DEBUG", "INFO", "WARNING"),
        default="INFO",
        help="how much to write to the log file (default INFO; Help → Open log folder shows it)",
    )
    parser.add_argument("--profile-dir", type=Path, help=argparse.SUPPRESS)  # isolated settings and data
    args = parser.parse_args(argv)
    args.clock_start = None
    if args.sandbox_clock is not None:
        from vitedesk.core.clock import parse_clock

        if not args.sandbox:
            parser.error("--sandbox-clock only works together with --sandbox (practice mode)")
        try:
            args.clock_start = parse_clock(args.sandbox_clock)
        except ValueError as error:
            parser.error(f"--sandbox-clock: {error}")
    return args


@dataclass
class Collaborators:
    """Optional parts passed into the app (tests and hosts); each can be None and the app still works.

    vault: remembers tokens (a TokenVault over another keyring backend); recorder: replaces the send
    history recorder; open_url: opens the log folder (QDesktopServices.openUrl by default).
    """

    vault: TokenVault | None = None
    recorder: SendRecorder | None = None
    open_url: UrlOpener | None = None


def display_available(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """False only on Linux (and other X11/Wayland systems) with no display and no Qt platform chosen."""
    env = os.environ if environ is None else environ
    if platform in ("win32", "darwin"):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in ICON_SIZES:
        png = RESOURCES / "icons" / f"vitedesk-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    svg = RESOURCES / "icons" / "vitedesk.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon


def main(argv: Sequence[str] | None = None, collaborators: Collaborators | None = None) -> int:
    """Run ViteDesk; returns the process exit code."""
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:  # --version, --help, bad arguments: argparse has printed what to say
        return stop.code if isinstance(stop.code, int) else 1

    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is None and not display_available():
        print(f"{NO_DISPLAY}.", file=sys.stderr)  # instead of Qt's abort about the "xcb" plugin
        return 1
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    if existing is None:
        app.setApplicationName("ViteDesk")
        # No application display name: Qt appends it to every window title it shows ("ViteDesk — Sandbox —
        # ViteDesk" in the window manager's title bar); the titles carry the name once already.
        app.setOrganizationName("ViteDesk")
        app.setDesktopFileName("vitedesk")
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the session below decides when to stop, after closing connections
    try:
        profile = read_profile(args)
        login = paint_first(args, app, profile)
        from vitedesk import __version__
        from vitedesk.ui.qt_async import run_until_done

        app.setApplicationVersion(__version__)
        return run_until_done(app, run(args, app, collaborators, login, profile))
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)


def read_profile(args: argparse.Namespace) -> ProfileStart | None:
    """The folders and the settings of this start, read once (None for the smoke test: it makes its own)."""
    if args.smoke_test:
        return None
    from vitedesk.store.paths import AppPaths
    from vitedesk.store.profile import open_profile

    return open_profile(AppPaths.under(args.profile_dir) if args.profile_dir else AppPaths.default())


def paint_first(
    args: argparse.Namespace, app: QApplication, profile: ProfileStart | None
) -> LoginDialog | None:
    """The login dialog on screen when the start asks for one, then the rest loaded behind it; else None.

    Only the settings file is read before it: the first window appears in about the time of a bare Qt window.
    """
    if profile is None:
        return None
    from vitedesk.ui import start

    settings = profile.settings.settings
    if not start.login_comes_first(settings, practice=args.sandbox):
        return None  # a remembered account: the main window is the first window
    demo_accounts: Sequence[DemoAccountInfo] = ()
    if args.sandbox:
        from vitedesk.sandbox.accounts import DEMO_ACCOUNTS

        demo_accounts = DEMO_ACCOUNTS
    app.setWindowIcon(app_icon())
    login = start.show_first_login(settings, practice=args.sandbox, demo_accounts=demo_accounts)
    start.load_after_paint([*start.AFTER_FIRST_PAINT, *([start.SANDBOX_SERVER] if args.sandbox else [])])
    return login


async def run(
    args: argparse.Namespace,
    app: QApplication,
    collaborators: Collaborators | None = None,
    login: LoginDialog | None = None,
    profile: ProfileStart | None = None,
) -> int:
    """One session of the app (or of the smoke test: throwaway data folder, tokens kept in memory).

    `login`: the login dialog already on screen as the first window (paint_first), taken over by the window.
    """
    parts = collaborators or Collaborators()
    if args.smoke_test:
        from vitedesk.ui.smoke import arm_watchdog, memory_vault, throwaway_profile

        watchdog = arm_watchdog()
        with throwaway_profile() as folder:
            args.profile_dir, args.sandbox = Path(folder), args.server is None
            parts.vault = memory_vault()
            try:
                return await run_session(args, app, parts)
            finally:
                watchdog.cancel()
    return await run_session(args, app, parts, login, profile)


async def run_session(
    args: argparse.Namespace,
    app: QApplication,
    parts: Collaborators,
    login: LoginDialog | None = None,
    profile: ProfileStart | None = None,
) -> int:
    """Open the stores, build, show, wait for the window to close, shut down."""
    from vitedesk.store.paths import AppPaths
    from vitedesk.ui.common.single_instance import ALREADY_RUNNING, SingleInstance
    from vitedesk.wiring import open_services

    paths = AppPaths.under(args.profile_dir) if args.profile_dir else AppPaths.default()
    instance = SingleInstance(paths.config_dir)  # before any file is read: one window per profile
    if not instance.claim():
        print(ALREADY_RUNNING, file=sys.stderr)
        return 0
    try:
        services = open_services(
            paths, vault=parts.vault, log_level=getattr(logging, args.log_level), profile=profile
        )
        try:
            return await run_window(args, app, services, parts, login, instance)
        finally:
            services.close()
    finally:
        instance.release()


async def run_window(
    args: argparse.Namespace,
    app: QApplication,
    services: Services,
    parts: Collaborators,
    login: LoginDialog | None = None,
    instance: SingleInstance | None = None,
) -> int:
    sandbox: SandboxServer | None = None
    if args.sandbox:
        from vitedesk.sandbox import SandboxServer

        # start() returns once the server accepts connections (a fraction of a second), before any window
        try:
            sandbox = SandboxServer(port=args.sandbox_port).start()
        except OSError as error:
            log.error("Sandbox could not start on port %s: %s", args.sandbox_port, error)
            if login is not None:
                login.hide()
                login.deleteLater()
            await tell_and_stop(
                f"The sandbox could not start on port {args.sandbox_port} ({error}). "
                "Close the program using that port, or start ViteDesk with another --sandbox-port."
            )
            return 1
    window: MainWindow | None = None
    session: AccountSession | None = None
    try:
        if args.smoke_test and args.server:
            services.settings.server_url = args.server
        window, session = build_window(app, services, sandbox)
        if instance is not None:
            instance.window = window  # a second start brings it to the front
        clock = practice_clock(args, window)
        workspace = attach_stores(window, services, parts, clock)
        if args.smoke_test:
            from vitedesk.ui.smoke import run_smoke

            return await run_smoke(window, args.server, RESOURCES / "samples" / "smoke-picture.png")
        import asyncio  # loaded behind the first window (paint_first)

        closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def window_closed() -> None:
            if not closed.done():
                closed.set_result(None)

        window.closing.connect(window_closed)
        if login is not None:
            from vitedesk.ui.start import first_login

            window.tasks.start(first_login(window, login), name="first log in")
        else:
            window.show()
            if not session.signed_in:
                window.tasks.start(window.ask_login(), name="first log in")
        await closed
        workspace.finish()
        workspace.remember_settings(practice=sandbox is not None)
        services.save_settings()
        return 0
    finally:
        await shutdown(window, session, sandbox)


def practice_clock(args: argparse.Namespace, window: MainWindow) -> Clock | None:
    """The --sandbox-clock time as the app's clock, also shown in the sandbox banner; None without it."""
    if args.clock_start is None:
        return None
    from vitedesk.core.clock import PracticeClock

    if window.sandboxBanner is not None:
        window.sandboxBanner.show_clock(args.clock_start)
    return PracticeClock(args.clock_start)


def attach_stores(
    window: MainWindow, services: Services, parts: Collaborators, clock: Clock | None = None
) -> Workspace:
    """Settings, drafts (restored now), history, log folder and keychain notices, joined to the window."""
    from vitedesk.ui.workspace import Workspace

    workspace = Workspace(
        window,
        drafts=services.drafts,
        history=services.history,
        log_dir=services.paths.log_dir,
        vault=services.vault,
        open_url=parts.open_url,
        settings=services.settings,
        recorder=parts.recorder,
        save_settings=services.save_settings,
        limits=services.licence_limits,
        clock=clock,
        opt_out=services.opt_out,
    )
    workspace.start(
        interrupted=services.interrupted, history_problem=services.history_problem, files=services.notices
    )
    return workspace


async def tell_and_stop(sentence: str) -> None:
    """A failure before the window exists: say it on stderr and in a message box."""
    from PySide6.QtWidgets import QMessageBox

    from vitedesk.ui.qt_async import open_dialog

    print(sentence, file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "ViteDesk cannot start", sentence)
    await open_dialog(box)
    box.deleteLater()


def build_window(
    app: QApplication, services: Services, sandbox: SandboxServer | None
) -> tuple[MainWindow, AccountSession]:
    """The account session (restored from the keychain when remembered) and the main window over it."""
    from vitedesk.api import DEFAULT_BASE_URL
    from vitedesk.ui.account.session import AccountSession
    from vitedesk.ui.compose.preparing import PictureOptions
    from vitedesk.ui.main_window import MainWindow

    settings = services.settings
    pictures = PictureOptions(services.paths.picture_cache, *settings.picture_limits())
    demo_accounts: Sequence[DemoAccountInfo] = ()
    if sandbox is not None:
        from vitedesk.sandbox import DEMO_ACCOUNTS

        demo_accounts = DEMO_ACCOUNTS
        server_url = sandbox.url
    else:
        server_url = settings.server_url or DEFAULT_BASE_URL
    try:
        session = AccountSession(server_url, vault=services.vault)
    except Exception:  # a hand-edited, unusable address in the settings: fall back to the real service
        log.warning("Stored server address refused; using %s", DEFAULT_BASE_URL)
        session = AccountSession(DEFAULT_BASE_URL, vault=services.vault)
    icon = app_icon()
    app.setWindowIcon(icon)
    window = MainWindow(
        session,
        demo_accounts=demo_accounts,
        sandbox_url=sandbox.url if sandbox is not None else None,
        icon=icon,
        pictures=pictures,
    )
    if sandbox is None and settings.remember:
        session.restore(settings.last_username)
    return window, session


async def shutdown(
    window: MainWindow | None, session: AccountSession | None, sandbox: SandboxServer | None
) -> None:
    """Stop in order: running tasks, the window, the HTTP client, then the sandbox server."""
    if window is not None:
        await window.tasks.cancel_all()
        window.hide()
        window.deleteLater()
    if session is not None:
        await session.aclose()
    if sandbox is not None:
        sandbox.stop()  # prompt; kept off qasync's executor, whose QThreads would outlive an embedding host
