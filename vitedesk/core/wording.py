"""Small pieces of plain English shared by the core's problem sentences and the interface."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from vitedesk.core.segments import SegmentInfo, analyze, shared_analysis, smart_replace

NAMED_CHARACTERS_SHOWN = 5
"""Characters named in a sentence before the rest become "and N other characters"."""

_INVISIBLE_NAMES = {
    "\t": "a tab",
    "\n": "a line break",
    "\r": "a line break",
    "\u00a0": "a no-break space",
    "\u200b": "a zero-width space",
    "\ufeff": "an invisible byte-order mark",
}


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 recipient", "1,204 recipients"; ``many`` for irregular plurals ("SMS")."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def join_words(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def name_character(char: str) -> str:
    """The character itself when it can be seen, else a description: "a tab", "an invisible character (…)"."""
    if char in _INVISIBLE_NAMES:
        return _INVISIBLE_NAMES[char]
    if char.isprintable() and not char.isspace() and unicodedata.category(char) not in ("Mn", "Me"):
        return char
    name = unicodedata.name(char, "").lower()
    return f"an invisible character ({name or f'U+{ord(char):04X}'})"


def name_characters(chars: Sequence[str]) -> str:
    """“ and ’ / a, b and c / a, b, c, d, e and 3 other characters."""
    names = [name_character(char) for char in chars[:NAMED_CHARACTERS_SHOWN]]
    rest = len(chars) - len(names)
    if rest:
        names.append(plural(rest, "other character"))
    return join_words(names)


def unicode_warning(message: str, recipients: int = 0, info: SegmentInfo | None = None) -> str:
    """Which characters force Unicode, what they cost and what to do; "" for plain GSM-7 text.

    The cost compares the message with itself after smart_replace, minus the characters with no plain
    replacement: "“ and ” force Unicode: this message needs 3 SMS instead of 1. Use Replace to swap them
    for plain characters." With more than one recipient the total messages are given too.
    """
    return _unicode_warning(message, recipients)


@lru_cache(maxsize=8)
def _unicode_warning(message: str, recipients: int) -> str:
    # Remembered: every view of one edit (the composer, the campaign's problems, the confirmation) asks the
    # same question about the same text, and the answer walks the whole message several times.
    info = shared_analysis(message)
    offending = list(dict.fromkeys(char for _, char in info.non_gsm))
    if not offending:
        return ""
    replaced = smart_replace(message)
    leftover = {char for _, char in analyze(replaced).non_gsm}
    best = analyze("".join(char for char in replaced if char not in leftover)).segments
    verb = "forces" if len(offending) == 1 else "force"
    if best < info.segments:
        cost = f"this message needs {info.segments} SMS instead of {best}"
        if recipients > 1:
            cost += f" ({recipients * info.segments:,} messages instead of {recipients * best:,} in all)"
        if not leftover:
            advice = " Use Replace to swap them for plain characters."
        elif len(leftover) < len(offending):
            advice = " Use Replace for the punctuation, and remove the other characters if you can."
        else:
            advice = " Remove them if you can." if len(offending) > 1 else " Remove it if you can."
    else:
        cost = f"this message still fits in {info.segments} SMS"
        advice = ""
    sentence = f"{name_characters(offending)} {verb} Unicode: {cost}.{advice}"
    # "a tab forces Unicode" starts with a description rather than the character itself: capitalise it.
    return sentence[0].upper() + sentence[1:] if name_character(offending[0]) != offending[0] else sentence
