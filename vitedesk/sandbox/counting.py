"""How the sandbox reads a lead list and counts messages: the same rules the app uses, from vitedesk.core."""

from __future__ import annotations

import re

from vitedesk.core.leads import parse_leads
from vitedesk.core.segments import analyze

_BARE_DIGITS = re.compile(r"\s*\d+\s*")


def recipients(lead: str) -> list[str]:
    """Valid, de-duplicated E.164 numbers in a newline-separated lead field, in the order given.

    The reference sends E.164 numbers without their '+' ("15551234567"), so a line of bare digits is read as
    international; lines that already carry '+' or other punctuation go to the lead parser unchanged.
    """
    lines = [f"+{line.strip()}" if _BARE_DIGITS.fullmatch(line) else line for line in lead.splitlines()]
    return list(parse_leads("\n".join(lines)).numbers)


def segments(message: str) -> int:
    """Number of SMS segments the message text takes (GSM-7 or UCS-2), as vitedesk.core.segments counts it."""
    return analyze(message).segments
