"""Everything ViteDesk keeps on disk or in the keychain: settings, token, draft, send history, logs. No Qt.

The parts load on first use (vitedesk.lazy): reading the settings does not import the keychain or SQLite.
"""

from typing import TYPE_CHECKING

from vitedesk.lazy import lazy_exports

if TYPE_CHECKING:
    from vitedesk.store.credentials import TokenVault, vault_key
    from vitedesk.store.drafts import Draft, DraftStore
    from vitedesk.store.history import HistoryStore
    from vitedesk.store.history_entry import HistoryEntry, SendState
    from vitedesk.store.logs import LoggingHandle, configure_logging, redact
    from vitedesk.store.paths import AppPaths
    from vitedesk.store.settings import Settings

__getattr__ = lazy_exports(
    __name__,
    {
        "TokenVault": "vitedesk.store.credentials",
        "vault_key": "vitedesk.store.credentials",
        "Draft": "vitedesk.store.drafts",
        "DraftStore": "vitedesk.store.drafts",
        "HistoryStore": "vitedesk.store.history",
        "HistoryEntry": "vitedesk.store.history_entry",
        "SendState": "vitedesk.store.history_entry",
        "LoggingHandle": "vitedesk.store.logs",
        "configure_logging": "vitedesk.store.logs",
        "redact": "vitedesk.store.logs",
        "AppPaths": "vitedesk.store.paths",
        "Settings": "vitedesk.store.settings",
    },
)

__all__ = [
    "AppPaths",
    "Draft",
    "DraftStore",
    "HistoryEntry",
    "HistoryStore",
    "LoggingHandle",
    "SendState",
    "Settings",
    "TokenVault",
    "configure_logging",
    "redact",
    "vault_key",
]
