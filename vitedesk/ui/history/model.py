"""A table model over the send history: newest first, filtered in SQL, loaded in batches on scrolling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication

from vitedesk.store.history import HistoryQuery, HistoryStore
from vitedesk.store.history_entry import HistoryEntry, SendState
from vitedesk.ui.common.widgets import Tone, tone_text

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Time", "Result", "Message", "Account", "Route", "Type", "Recipients", "Total")
RESULT_COLUMN = 1
MESSAGE_COLUMN = 2
_NUMERIC = {6, 7}
_STATE_TONES = {SendState.FAILED: Tone.ERROR, SendState.UNKNOWN: Tone.WARNING, SendState.SENDING: Tone.INFO}


def state_color(state: SendState) -> QColor | None:
    """Text colour for a result in this state under the current palette (None: the normal text colour)."""
    tone = _STATE_TONES.get(state)
    return tone_text(QGuiApplication.palette(), tone) if tone else None


def local_time(moment: datetime | None) -> str:
    """A stored UTC time shown in the computer's time zone, e.g. "2025-03-14 10:42"."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


class HistoryModel(QAbstractTableModel):
    """Rows are ``HistoryEntry`` objects; ``set_filter`` re-queries, ``fetchMore`` pages on by local id."""

    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        store: HistoryStore,
        parent: QObject | None = None,
        *,
        batch_size: int = 500,
        default_region: Callable[[], str] = lambda: "US",
    ) -> None:
        """``default_region()``: the country a number typed without its code is read in."""
        super().__init__(parent)
        self._store = store
        self._batch_size = batch_size
        self._default_region = default_region
        self._filter = ""
        self._query = HistoryQuery()
        self._entries: list[HistoryEntry] = []
        self._exhausted = True
        self._fetching = False
        self.refresh()

    # --- what the view and the window use ---------------------------------------------------------

    def filter_text(self) -> str:
        return self._filter

    def query(self) -> HistoryQuery:
        """What the rows match: the typed text and the phone numbers read in it."""
        return self._query

    def set_filter(self, text: str) -> None:
        """Show only rows matching ``text`` (message, account, route id, campaign id, or a recipient's
        number in any usual format); "" shows all."""
        self._filter = text.strip()
        self._query = HistoryQuery.read(self._filter, self._default_region())
        self.refresh()

    def refresh(self) -> None:
        """Re-read the first batch from the store (after a send, or when the filter changes)."""
        self.beginResetModel()
        self._entries = self._store.search(self._query, limit=self._batch_size)
        self._exhausted = len(self._entries) < self._batch_size
        self._end_change(self.endResetModel)

    def entry(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def matching_count(self) -> int:
        """How many rows match the filter in the whole history (not only the loaded ones)."""
        return self._store.count(self._query)

    # --- QAbstractItemModel ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._exhausted or self._fetching:
            return
        before = self._entries[-1].local_id if self._entries else None
        batch = self._store.search(self._query, limit=self._batch_size, before_id=before)
        self._exhausted = len(batch) < self._batch_size
        if not batch:
            return
        first = len(self._entries)
        self._fetching = True
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._entries.extend(batch)
        self._end_change(self.endInsertRows)

    def _end_change(self, end: Callable[[], None]) -> None:
        # Slots of modelReset/rowsInserted (views, QAbstractItemModelTester) may call fetchMore while the
        # change is still being announced; inserting rows then would nest one change inside another.
        self._fetching = True
        try:
            end()
        finally:
            self._fetching = False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.result_text if column == RESULT_COLUMN else entry.message[:300]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and column == RESULT_COLUMN:
            return state_color(entry.state)
        if role == self.EntryRole:
            return entry
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _cell_text(entry: HistoryEntry, column: int) -> str:
    match column:
        case 0:
            return local_time(entry.created_at)
        case 1:
            return entry.result_text
        case 2:
            # One line: the view elides it; the detail pane shows all of it.
            return " ".join(entry.message.split())[:200]
        case 3:
            return entry.account
        case 4:
            return entry.route_text
        case 5:
            return entry.protocol
        case 6:
            return f"{entry.recipient_count:,}"
        case 7:
            return f"{entry.total_messages:,}"
    return ""
