"""How the sandbox reads a lead list and counts messages: the same rules the app uses, from vitedesk.core."""

from __future__ import annotations

import math
import re

_BARE_DIGITS = re.compile(r"\s*\d+\s*")


def recipients(lead: str) -> list[str]:
    """Valid, de-duplicated E.164 numbers in a newline-separated lead field, in the order given.

    The reference sends E.164 numbers without their '+' ("15551234567"), so a line of bare digits is read as
    international; lines that already carry '+' or other punctuation go to the lead parser unchanged.
    """
    lines = [f"+{line.strip()}" if _BARE_DIGITS.fullmatch(line) else line for line in lead.splitlines()]
    try:
        from vitedesk.core.leads import parse_leads
    except ImportError:  # TEMPORARY until vitedesk.core.leads lands
        return _interim_numbers(lines)
    return list(parse_leads("\n".join(lines)).numbers)


def segments(message: str) -> int:
    """Number of SMS segments the message text takes (GSM-7 or UCS-2), as vitedesk.core.segments counts it."""
    try:
        from vitedesk.core.segments import analyze
    except ImportError:  # TEMPORARY until vitedesk.core.segments lands
        return _interim_segments(message)
    return analyze(message).segments


def _interim_numbers(lines: list[str]) -> list[str]:
    import phonenumbers

    found: dict[str, None] = {}
    for line in lines:
        try:
            number = phonenumbers.parse(line, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            found[phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)] = None
    return list(found)


_GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXT = set("^{}\\[~]|€\f")


def _interim_segments(message: str) -> int:
    if all(ch in _GSM or ch in _GSM_EXT for ch in message):
        units, single, multi = len(message) + sum(ch in _GSM_EXT for ch in message), 160, 153
    else:
        units, single, multi = len(message.encode("utf-16-le")) // 2, 70, 67
    return 1 if units <= single else math.ceil(units / multi)
