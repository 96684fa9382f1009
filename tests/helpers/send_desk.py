"""Fixture: a main window joined to real stores under tmp_path, with settings, a fixed clock and licence
limits (imported by the conftest of the folders that use it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import shiboken6

from vitedesk.core.clock import PracticeClock


@pytest.fixture
def make_send_desk(qtbot: Any, run_async: Callable[..., Any], tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """make(server_url, now=..., settings=..., name=...) -> namespace: window, workspace, history, settings,
    limits, opt_out, settings_file. The same `name` again reopens the same files (a restart)."""
    from vitedesk.store import HistoryStore, Settings
    from vitedesk.store.licence_limits import LicenceLimitStore
    from vitedesk.store.opt_out import OptOutStore
    from vitedesk.ui.account.session import AccountSession
    from vitedesk.ui.compose.preparing import PictureOptions
    from vitedesk.ui.main_window import MainWindow
    from vitedesk.ui.workspace import Workspace

    made: list[Any] = []

    def make(
        server_url: str, *, now: datetime | None = None, settings: Any = None, name: str = "desk"
    ) -> Any:
        root = tmp_path / name
        root.mkdir(exist_ok=True)
        settings_file = root / "settings.json"
        kept = settings if settings is not None else Settings.load(settings_file)
        history = HistoryStore(root / "history.sqlite3")
        limits = LicenceLimitStore(root / "licence-limits.json")
        opt_out = OptOutStore(root / "opt-out.txt")
        window = MainWindow(
            AccountSession(server_url),
            sandbox_url=server_url,
            pictures=PictureOptions(root / "cache", *kept.picture_limits()),
        )
        qtbot.addWidget(window)
        workspace = Workspace(
            window,
            drafts=None,
            history=history,
            log_dir=None,
            settings=kept,
            save_settings=lambda s: s.save(settings_file),
            limits=limits,
            clock=PracticeClock(now, frozen=True) if now is not None else None,
            opt_out=opt_out,
        )
        window.show()
        desk = SimpleNamespace(
            window=window,
            workspace=workspace,
            history=history,
            settings=kept,
            limits=limits,
            opt_out=opt_out,
            settings_file=settings_file,
        )
        made.append(desk)
        return desk

    yield make
    for desk in made:
        run_async(desk.window.tasks.cancel_all())
        run_async(desk.window.session.aclose())
        if shiboken6.isValid(desk.window):
            desk.window.close()
        desk.history.close()
