"""List model of the lead lines that need attention: unusable lines first, then numbers that look unusual.

Built for 200,000-line pastes: rows are plain tuples, and the view is fed in batches (canFetchMore/fetchMore)
so a list with tens of thousands of problems costs nothing until someone scrolls through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

_RAW_SHOWN = 40  # characters of the original line shown before an ellipsis

Index = QModelIndex | QPersistentModelIndex


class ProblemKind(StrEnum):
    UNUSABLE = "unusable"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class LeadProblem:
    """One line of the lead text that needs attention (``line`` is 1-based, as people count)."""

    line: int
    raw: str
    reason: str
    kind: ProblemKind


UNVERIFIED_REASON = (
    "May not exist: right length, but not a number in use in its country. Not sent unless included."
)

LINE_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def shorten(raw: str, limit: int = _RAW_SHOWN) -> str:
    """The line as typed, cut with an ellipsis when long (the editor still holds the full text)."""
    text = raw.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problem_text(problem: LeadProblem, line_name: str | None = None) -> str:
    """ "Line 7: 202-555 — Too short to be a phone number."; an imported line is named by its file row
    ("contacts.xlsx row 5: …")."""
    shown = shorten(problem.raw) or "(empty)"
    where = line_name or f"Line {problem.line:,}"
    return f"{where}: {shown} — {problem.reason}"


class LeadProblemsModel(QAbstractListModel):
    """Rows of LeadProblem; DisplayRole is the sentence, LINE_ROLE the 1-based line, KIND_ROLE the kind."""

    def __init__(self, batch: int = 500, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._batch = batch
        self._problems: list[LeadProblem] = []
        self._shown = 0
        self._line_names: Callable[[int], str | None] = lambda _line: None

    def set_line_names(self, names: Callable[[int], str | None]) -> None:
        """Where a line came from ("contacts.xlsx row 5"), or None for a line typed or pasted."""
        self._line_names = names

    def set_problems(self, problems: Iterable[LeadProblem]) -> None:
        """Replace every row; only the first batch is exposed until the view asks for more."""
        self.beginResetModel()
        self._problems = list(problems)
        self._shown = min(self._batch, len(self._problems))
        self.endResetModel()

    def total(self) -> int:
        """All problems, including rows not fetched by the view yet."""
        return len(self._problems)

    def problem(self, row: int) -> LeadProblem:
        return self._problems[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._problems)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(self._batch, len(self._problems) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        problem = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return problem_text(problem, self._line_names(problem.line))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = problem_text(problem, self._line_names(problem.line))
            return f"{text}\nClick to go to line {problem.line:,}."
        if role == LINE_ROLE:
            return problem.line
        if role == KIND_ROLE:
            return problem.kind.value
        return None
