"""Everything ViteDesk keeps on disk or in the keychain: settings, token, draft, send history, logs. No Qt."""

from vitedesk.store.credentials import TokenVault, vault_key
from vitedesk.store.drafts import Draft, DraftStore
from vitedesk.store.history import HistoryStore
from vitedesk.store.history_entry import HistoryEntry, SendState
from vitedesk.store.logs import LoggingHandle, configure_logging, redact
from vitedesk.store.paths import AppPaths
from vitedesk.store.settings import Settings

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
