"""Sample lead lists shared by the tests and the benchmarks."""

from __future__ import annotations


def lead_lines(count: int) -> str:
    """``count`` lines of distinct US numbers written several ways; every 100th line lacks its area code."""
    areas = ("212", "213", "312", "415", "617", "646", "718", "305", "404", "206")
    lines = []
    for i in range(count):
        area, exchange, subscriber = areas[i % 10], 300 + (i // 10) % 600, (i // 6000) * 10 + i % 10
        if i % 100 == 99:
            lines.append(f"{exchange}-{subscriber:04d}")  # no area code: cannot be used
        elif i % 3:
            lines.append(f"({area}) {exchange}-{subscriber:04d}")
        else:
            lines.append(f"+1 {area} {exchange} {subscriber:04d}")
    return "\n".join(lines)
