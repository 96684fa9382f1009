"""One Markdown table of figures, each beside its baseline measured in the same run.

A row holds the samples of one figure and of its baseline; the table shows the median with min and max beside
it, and the ratio of the medians (figure / baseline: below 1 means faster or smaller than the baseline).
"""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Samples:
    """Repeated measurements of one quantity, in `unit` ("s", "ms", "us", "MB")."""

    values: tuple[float, ...]
    unit: str

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def cell(self) -> str:
        low, high = min(self.values), max(self.values)
        if len(self.values) == 1:
            return f"{_number(self.median)} {self.unit}"
        return f"{_number(self.median)} {self.unit} ({_number(low)}–{_number(high)}, n={len(self.values)})"


def _number(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured against what, and the goal it is held to."""

    name: str
    figure: Samples
    baseline_name: str
    baseline: Samples | None
    goal: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.median == 0:
            return None
        return self.figure.median / self.baseline.median

    def cells(self) -> list[str]:
        ratio = self.ratio
        return [
            self.name,
            self.figure.cell(),
            self.baseline_name,
            self.baseline.cell() if self.baseline is not None else "—",
            "—" if ratio is None else f"{ratio:.2f}x",
            self.goal,
            self.note,
        ]


HEADER = [
    "row",
    "figure: median (min–max)",
    "baseline",
    "baseline: median (min–max)",
    "ratio",
    "goal",
    "note",
]


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add(self, rows: Sequence[Row]) -> None:
        self.rows.extend(rows)

    def markdown(self) -> str:
        lines = [
            "| " + " | ".join(HEADER) + " |",
            "|" + "|".join("---" for _ in HEADER) + "|",
        ]
        lines += [
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |" for row in self.rows
        ]
        for reason in self.skipped:
            lines.append(f"\nskipped: {reason}")
        return "\n".join(lines)


def machine() -> str:
    """The machine the table was measured on, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [line.split(":", 1)[1].strip() for line in info if line.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load {os.getloadavg()[0]:.2f}"
    system = f"{platform.system()} {platform.release()}"
    return f"{system}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}{load}"


def repeat(measure: Callable[[], float], runs: int, unit: str, scale: float = 1.0) -> Samples:
    """Call `measure` `runs` times; each returns seconds (or any quantity), multiplied by `scale`."""
    return Samples(tuple(measure() * scale for _ in range(runs)), unit)
