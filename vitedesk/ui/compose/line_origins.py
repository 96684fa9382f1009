"""Which lines of the lead text came from which file rows, kept right while the person edits around them.

After an import, a problem on line 7 is named as the spreadsheet numbers it ("contacts.xlsx row 5"). Edits
shift the lines after them; lines an edit replaced lose their origin (they are the person's own now).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Origin:
    """Lines ``first_line`` .. ``first_line + len(rows) - 1`` (1-based) came from ``rows`` of ``source``."""

    first_line: int
    source: str
    rows: list[int]

    @property
    def last_line(self) -> int:
        return self.first_line + len(self.rows) - 1


class LineOrigins:
    """A few Origin blocks in line order."""

    def __init__(self) -> None:
        self._blocks: list[Origin] = []

    def __bool__(self) -> bool:
        return bool(self._blocks)

    def blocks(self) -> list[Origin]:
        return list(self._blocks)

    def clear(self) -> None:
        self._blocks = []

    def set(self, blocks: list[Origin]) -> None:
        self._blocks = sorted((block for block in blocks if block.rows), key=lambda block: block.first_line)

    def name(self, line: int) -> str | None:
        """ "contacts.xlsx row 5" for a line that came from a file, else None."""
        for block in self._blocks:
            if block.first_line <= line <= block.last_line:
                return f"{block.source} row {block.rows[line - block.first_line]:,}"
        return None

    def edited(self, line: int, removed_lines: int, added_lines: int) -> None:
        """Old lines ``line`` .. ``line + removed_lines`` became new lines ``line`` .. ``line + added_lines``.

        The line the edit started in keeps its origin (typing in it, or Enter at its end, leaves it that
        row); the old lines after it that the edit covered lose theirs; the lines after the edit move.
        """
        if not self._blocks or (removed_lines == 0 and added_lines == 0):
            return
        last_changed = line + removed_lines
        moved_to = line + added_lines + 1  # where the old line last_changed + 1 is now
        kept: list[Origin] = []
        for block in self._blocks:
            if block.last_line < line:
                kept.append(block)
            elif block.first_line > last_changed:
                kept.append(Origin(block.first_line - last_changed - 1 + moved_to, block.source, block.rows))
            else:
                before = block.rows[: line - block.first_line + 1] if line >= block.first_line else []
                if before:
                    kept.append(Origin(block.first_line, block.source, before))
                after = block.rows[last_changed + 1 - block.first_line :]
                if after:
                    kept.append(Origin(moved_to, block.source, after))
        self._blocks = kept
