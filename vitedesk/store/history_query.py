"""What a search of the send history looks for: the typed text, and the phone numbers it can be read as."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vitedesk.core.leads import parse_leads

_TEXT_COLUMNS = ("message", "account", "route_id", "CAST(campaign_id AS TEXT)", "error_message")


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    """``text`` matches message, account, route id, campaign id or error; ``numbers`` (E.164) recipients."""

    text: str = ""
    numbers: tuple[str, ...] = ()

    @classmethod
    def read(cls, typed: str, default_region: str = "US") -> HistoryQuery:
        """The query as typed, plus the numbers the lead parser reads in it with ``default_region``.

        With the United States as the country, "(415) 555-0143", "415.555.0143", "+1 415 555 0143" and
        "001 415 555 0143" all find +14155550143. Text without digits is never read as a number.
        """
        text = typed.strip()
        if not any(char.isdigit() for char in text):
            return cls(text)
        try:
            numbers = parse_leads(text, default_region).numbers
        except ValueError:  # a country the parser does not know: the text search still runs
            numbers = []
        return cls(text, tuple(numbers))

    def __bool__(self) -> bool:
        return bool(self.text or self.numbers)

    def where(self) -> tuple[str, list[Any]]:
        """An SQL condition on ``sends`` and its parameters; "1" (every row) for an empty query."""
        if not self:
            return "1", []
        clauses: list[str] = []
        params: list[Any] = []
        if self.text:
            escaped = self.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses += [f"{column} LIKE ? ESCAPE '\\'" for column in _TEXT_COLUMNS]
            params += [f"%{escaped}%"] * len(_TEXT_COLUMNS)
        if self.numbers:
            marks = ", ".join("?" * len(self.numbers))
            # Through recipients_by_number: a few index look-ups, however long the history.
            clauses.append(f"local_id IN (SELECT local_id FROM recipients WHERE number IN ({marks}))")
            params += list(self.numbers)
        return "(" + " OR ".join(clauses) + ")", params
