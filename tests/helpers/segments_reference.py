"""A slow, obvious segment counter for the tests to agree with: full forward grapheme segmentation
(UAX #29 over the same Unicode data as vitedesk.core), then greedy packing into parts."""

import re
from collections.abc import Iterator

from vitedesk.core import _grapheme_data
from vitedesk.core.segments import GSM7_BASIC, GSM7_EXTENSION


def _class(body: str) -> re.Pattern[str]:
    return re.compile(f"[{body}]")


_CLASSES = {
    "Control": _class(_grapheme_data.CONTROL_BMP + _grapheme_data.CONTROL_ASTRAL),
    "Extend": _class(_grapheme_data.EXTEND_BMP + _grapheme_data.EXTEND_ASTRAL),
    "SpacingMark": _class(_grapheme_data.SPACING_MARK_BMP + _grapheme_data.SPACING_MARK_ASTRAL),
    "Prepend": _class(_grapheme_data.PREPEND_BMP + _grapheme_data.PREPEND_ASTRAL),
    "RI": _class("\U0001f1e6-\U0001f1ff"),
    "L": _class("\u1100-\u115f\ua960-\ua97c"),
    "V": _class("\u1160-\u11a7\ud7b0-\ud7c6"),
    "T": _class("\u11a8-\u11ff\ud7cb-\ud7fb"),
}
_PICTOGRAPHIC = _class(_grapheme_data.PICTOGRAPHIC_BMP + _grapheme_data.PICTOGRAPHIC_ASTRAL)


def _break_class(char: str) -> str:
    if char == "\u200d":
        return "ZWJ"
    if 0xAC00 <= ord(char) <= 0xD7A3:
        return "LV" if (ord(char) - 0xAC00) % 28 == 0 else "LVT"
    for name, pattern in _CLASSES.items():
        if pattern.fullmatch(char):
            return name
    return "Other"


def _breaks_between(chars: str, i: int) -> bool:
    """UAX #29 rules GB3-GB13 between chars[i-1] and chars[i], except that CR LF may break."""
    before, after = _break_class(chars[i - 1]), _break_class(chars[i])
    if before == "Control" or after == "Control":
        return True
    if before == "L" and after in ("L", "V", "LV", "LVT"):
        return False
    if before in ("LV", "V") and after in ("V", "T"):
        return False
    if before in ("LVT", "T") and after == "T":
        return False
    if after in ("Extend", "ZWJ", "SpacingMark") or before == "Prepend":
        return False
    if before == "ZWJ" and _PICTOGRAPHIC.fullmatch(chars[i]):
        j = i - 2
        while j >= 0 and _break_class(chars[j]) == "Extend":
            j -= 1
        if j >= 0 and _PICTOGRAPHIC.fullmatch(chars[j]):
            return False
    if before == "RI" and after == "RI":
        run = 0
        j = i - 1
        while j >= 0 and _break_class(chars[j]) == "RI":
            run += 1
            j -= 1
        return run % 2 == 0
    return True


def _clusters(text: str) -> Iterator[str]:
    start = 0
    for i in range(1, len(text)):
        if _breaks_between(text, i):
            yield text[start:i]
            start = i
    if text:
        yield text[start:]


def reference_parts(text: str) -> tuple[str, list[str], int]:
    """(encoding, parts, units) the slow way."""
    text_for_units = re.sub("[\ud800-\udfff]", "\ufffd", text)
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text):
        cost = {ch: 2 if ch in GSM7_EXTENSION else 1 for ch in text}

        def units(piece: str) -> int:
            return sum(cost[ch] for ch in piece)

        single, part = 160, 153
        encoding = "GSM-7"
    else:

        def units(piece: str) -> int:
            return len(piece.encode("utf-16-le")) // 2

        single, part = 70, 67
        encoding = "UCS-2"
        text = text_for_units
    total = units(text)
    if total <= single:
        return encoding, [text], total
    parts: list[str] = []
    pieces = _clusters(text) if encoding == "UCS-2" else iter(text)
    current = ""
    used = 0
    for cluster in pieces:
        cost_of_cluster = units(cluster)
        if used + cost_of_cluster <= part:
            current += cluster
            used += cost_of_cluster
            continue
        if current:
            parts.append(current)
            current, used = "", 0
        if cost_of_cluster <= part:
            current, used = cluster, cost_of_cluster
            continue
        for char in cluster:  # a cluster bigger than a whole part: split it between code points
            if used + units(char) > part:
                parts.append(current)
                current, used = "", 0
            current += char
            used += units(char)
    parts.append(current)
    return encoding, parts, total


def reference(text: str) -> tuple[str, int, int, int, int]:
    encoding, parts, total = reference_parts(text)
    single, part = (160, 153) if encoding == "GSM-7" else (70, 67)
    per_segment = single if len(parts) == 1 else part
    if encoding == "GSM-7":
        last = sum(2 if ch in GSM7_EXTENSION else 1 for ch in parts[-1])
    else:
        last = len(parts[-1].encode("utf-16-le")) // 2
    return encoding, len(parts), total, per_segment, per_segment - last
