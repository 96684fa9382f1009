"""What one session of the app keeps on disk, opened in order and closed in reverse. No Qt here.

Logging first (so everything after it is recorded), then settings, keychain, draft file and send history;
``recover_interrupted()`` runs as the history opens, so a send a crash cut short shows as "outcome unknown".
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from dataclasses import dataclass

from vitedesk import __version__
from vitedesk.store import (
    AppPaths,
    DraftStore,
    HistoryStore,
    LoggingHandle,
    Settings,
    TokenVault,
    configure_logging,
)
from vitedesk.store.licence_limits import LicenceLimitStore
from vitedesk.store.opt_out import OptOutStore
from vitedesk.store.profile import ProfileStart, open_profile

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The stores of one session; ``close()`` releases the history file and the log handler."""

    paths: AppPaths
    settings: Settings
    vault: TokenVault
    drafts: DraftStore
    history: HistoryStore | None
    licence_limits: LicenceLimitStore | None = None  # what the server refused each account before
    opt_out: OptOutStore | None = None  # the do-not-contact list
    history_problem: str | None = None  # why the history could not be opened (then history is None)
    interrupted: int = 0  # sends left "sending" by the previous run, now "outcome unknown"
    logging: LoggingHandle | None = None
    notices: list[str] = dataclasses.field(default_factory=list)  # files set aside at the start
    settings_writable: bool = True  # False: an unreadable settings file that must not be overwritten

    def save_settings(self, settings: Settings | None = None) -> bool:
        """Write the settings (these or the session's); False when they could not or must not be."""
        if not self.settings_writable:
            log.info("Settings not saved: the settings file could not be read and is left as it is")
            return False
        try:
            (settings or self.settings).save(self.paths.settings_file)
        except OSError as error:
            log.error("Settings not saved: %s", error)
            return False
        return True

    def close(self) -> None:
        if self.history is not None:
            self.history.close()
            self.history = None
        log.info("ViteDesk stopped")
        if self.logging is not None:
            self.logging.remove()
            self.logging = None


def open_services(
    paths: AppPaths,
    *,
    vault: TokenVault | None = None,
    log_level: int = logging.INFO,
    profile: ProfileStart | None = None,
) -> Services:
    """Open everything the session keeps on disk; never raises because of the disk (it degrades instead).

    `profile`: the folders and settings already read for the first window (else they are read here).
    """
    profile = profile if profile is not None else open_profile(paths)
    handle: LoggingHandle | None
    try:
        handle = configure_logging(paths.ensure_log_dir(), log_level)
    except OSError as error:  # a read-only or full disk: the app works, without a log file
        handle = None
        logging.getLogger(__name__).warning("No log file: %s", error)
    log.info("ViteDesk %s starting; data in %s", __version__, paths.data_dir)
    services = Services(
        paths=paths,
        settings=profile.settings.settings,
        vault=vault if vault is not None else TokenVault(),
        drafts=DraftStore(paths.draft_file),
        history=None,
        licence_limits=LicenceLimitStore(paths.licence_limits_file),
        opt_out=OptOutStore(paths.opt_out_file),
        logging=handle,
        notices=list(profile.notices),
        settings_writable=profile.settings.writable,
    )
    try:
        services.history = HistoryStore(paths.history_db)
        services.interrupted = services.history.recover_interrupted()
    except (sqlite3.Error, OSError) as error:
        log.error("Send history unavailable: %s", error)
        if services.history is not None:
            services.history.close()
            services.history = None
        services.history_problem = str(error) or type(error).__name__
    return services
