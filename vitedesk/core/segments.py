"""SMS segment maths: how many parts a text needs in GSM-7 or UCS-2, and look-alike punctuation replacement.

The rules are GSM 03.38 / 3GPP TS 23.038 as carriers apply them (and as Twilio's open-source calculator,
npm sms-segments-calculator 1.3.0, counts them):

- GSM-7 when every character is in the basic or extension table (an extension character costs 2 septets);
  otherwise UCS-2, where a character costs its UTF-16 code units (an emoji 2, an extension character 1).
- One part holds 160 septets / 70 units; a longer text goes in parts of 153 / 67 (the rest is the
  concatenation header).
- A part never ends inside an extension character, a surrogate pair or a grapheme cluster: the whole character
  moves to the next part. A cluster longer than a whole part (say, a letter with 70 combining marks) has to be
  split somewhere: it starts a part of its own and is cut between code points. (Twilio's calculator puts such
  a cluster in one oversized part instead, a part no phone network accepts.) Clusters follow today's Unicode
  rules, so a few emoji sequences newer than Unicode 10 stay whole where Twilio's calculator splits them.
- CR and LF are separate characters; a CR LF pair may straddle two parts.

This runs on every keystroke and once per sandboxed campaign, so the common work is done with C-level string
operations (bytes.translate, str.encode, compiled regexes); Python only looks at the places where a part ends.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Final

from vitedesk.core import _gsm
from vitedesk.core._grapheme import count_parts

GSM7: Final = "GSM-7"
UCS2: Final = "UCS-2"
GSM7_LIMITS: Final = (160, 153)  # septets in a single SMS / in each part of a longer one
UCS2_LIMITS: Final = (70, 67)  # UTF-16 code units, same
GSM7_BASIC: Final = _gsm.GSM7_BASIC
GSM7_EXTENSION: Final = _gsm.GSM7_EXTENSION

_GSM_SINGLE, _GSM_PART = GSM7_LIMITS
_UCS_SINGLE, _UCS_PART = UCS2_LIMITS
_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class SegmentInfo:
    """What a text costs as SMS: encoding, units used, number of parts and room left in the last one.

    `non_gsm` lists (index into the text, character) for every character that forces UCS-2; it is worked out
    from `text` when first read, because listing 1,600 characters one by one costs more than the whole count.
    """

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2) in the whole text
    segments: int  # SMS parts the text needs
    per_segment: int  # capacity of one part for this text: 160 / 153 / 70 / 67
    remaining: int  # units still free in the last part before one more part is needed
    text: str = field(default="", repr=False)  # the analysed text
    _non_gsm: tuple[tuple[int, str], ...] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def non_gsm(self) -> list[tuple[int, str]]:
        """(index, character) of every character that forces UCS-2, in text order; empty for GSM-7 text."""
        if self._non_gsm is None:
            found: tuple[tuple[int, str], ...] = ()
            if self.encoding == UCS2:
                found = tuple(_non_gsm_characters(self.text))
            object.__setattr__(self, "_non_gsm", found)
            return list(found)
        return list(self._non_gsm)

    def __repr__(self) -> str:
        return (
            f"SegmentInfo(encoding={self.encoding!r}, units={self.units}, segments={self.segments}, "
            f"per_segment={self.per_segment}, remaining={self.remaining}, non_gsm={self.non_gsm!r})"
        )


def _non_gsm_characters(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for run in _gsm.NON_GSM7_RUN.finditer(text):
        start = run.start()
        found.extend(zip(range(start, run.end()), run.group(), strict=True))
    return found


def unicode_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of characters that force UCS-2, in text order; one regex scan."""
    return [run.span() for run in _gsm.NON_GSM7_RUN.finditer(text)]


_UNICODE_STRETCH: Final = re.compile(f"{_gsm.NON_GSM7_RUN.pattern}(?: +{_gsm.NON_GSM7_RUN.pattern})*")


def unicode_stretches(text: str) -> list[tuple[int, int]]:
    """Like unicode_runs, but runs with only spaces between them make one stretch (spaces included).

    For highlighting: a message written in Cyrillic or Arabic is then a few stretches instead of one run per
    word, and the editor re-lays out a few format ranges per keystroke instead of hundreds.
    """
    return [stretch.span() for stretch in _UNICODE_STRETCH.finditer(text)]


def analyze(text: str) -> SegmentInfo:
    """Count the SMS parts `text` needs.

    Contract: never raises for any str (lone surrogates count as one UCS-2 unit each). Empty text is GSM-7,
    1 segment, 0 units. No part is filled beyond its capacity, and a part never ends inside an extension
    character, a surrogate pair or a grapheme cluster that fits in one part.
    """
    if text.isascii():
        encoded = text.encode("ascii")
        special = encoded.translate(None, _gsm.PLAIN_ASCII)
        if not special.translate(None, _gsm.EXTENSION_ASCII):
            return _gsm7(text, encoded, len(special))
        return _ucs2(text)
    if _gsm.NON_GSM7.search(text) is not None:
        return _ucs2(text)
    # GSM-7 with some non-ASCII letters. The euro sign is the only non-ASCII extension character: swap it for
    # another extension character so that one Latin-1 byte per character is enough ('?' stands in for the
    # Greek capitals, which cost 1 septet like '?').
    encoded = text.replace("€", "|").encode("latin-1", "replace")
    extension_count = len(encoded) - len(encoded.translate(None, _gsm.EXTENSION_ASCII))
    return _gsm7(text, encoded, extension_count)


@dataclass(frozen=True, slots=True)
class Part:
    """One SMS part as the phone receives it: its text, the units it uses and what one part holds."""

    number: int  # 1-based
    text: str
    units: int
    capacity: int


@lru_cache(maxsize=8)
def shared_analysis(text: str) -> SegmentInfo:
    """analyze(text), remembered for the last few texts: every view of one edit (the composer, its warning,
    the split preview, the campaign's problems) gets the same SegmentInfo, whose non_gsm is then listed once.

    Contract: as analyze (the result is immutable, so sharing it is safe).
    """
    return analyze(text)


def split(text: str) -> list[Part]:
    """The parts `text` is sent in, cut exactly where analyze() cuts.

    Contract: "".join(part.text) == text; len(result) == analyze(text).segments; every part's units are at
    most its capacity, and the units of all parts add up to analyze(text).units (a cut never splits an
    extension character, a surrogate pair or a cluster that fits in one part).
    """
    info = analyze(text)
    if info.segments == 1:
        return [Part(1, text, info.units, info.per_segment)]
    starts = [0, *_cuts(text, info.encoding), len(text)]
    parts = []
    for number, (begin, end) in enumerate(pairwise(starts), start=1):
        piece = text[begin:end]
        parts.append(Part(number, piece, _units(piece, info.encoding), info.per_segment))
    return parts


def _units(piece: str, encoding: str) -> int:
    if encoding == UCS2:
        return len(piece.encode("utf-16-le", "surrogatepass")) >> 1
    return len(piece) + sum(1 for char in piece if char in GSM7_EXTENSION)


def _cuts(text: str, encoding: str) -> list[int]:
    """Character index where each part after the first starts (text needs more than one part)."""
    if encoding == UCS2:
        cuts: list[int] = []
        analysed = _LONE_SURROGATE.sub("\ufffd", text)
        count_parts(analysed, analysed.encode("utf-16-le"), _UCS_PART, cuts)
        return cuts
    encoded = text.replace("€", "|").encode("latin-1", "replace")
    septets = encoded.translate(_gsm.EXTENSION_MARK).decode("latin-1").encode("utf-8")
    units = len(septets)
    cuts = []
    start = 0
    while units - start > _GSM_PART:
        cut = start + _GSM_PART
        if septets[cut] == _gsm.SECOND_SEPTET:
            cut -= 1
        start = cut
        cuts.append(cut - septets.count(_gsm.SECOND_SEPTET, 0, cut))
    return cuts


def _gsm7(text: str, encoded: bytes, extension_count: int) -> SegmentInfo:
    """GSM-7 count; `encoded` has one byte per character with extension characters as their ASCII bytes."""
    units = len(text) + extension_count
    if units <= _GSM_SINGLE:
        return SegmentInfo(GSM7, units, 1, _GSM_SINGLE, _GSM_SINGLE - units, text)
    if not extension_count:
        segments = -(-units // _GSM_PART)
        return SegmentInfo(GSM7, units, segments, _GSM_PART, segments * _GSM_PART - units, text)
    # One byte per septet; SECOND_SEPTET marks the second half of an extension character, where no part may
    # end. (Latin-1 0x80 -> UTF-8 C2 80 does the doubling in C; bytes.replace would be ten times slower.)
    septets = encoded.translate(_gsm.EXTENSION_MARK).decode("latin-1").encode("utf-8")
    start = 0
    segments = 1
    while units - start > _GSM_PART:
        cut = start + _GSM_PART
        if septets[cut] == _gsm.SECOND_SEPTET:
            cut -= 1
        start = cut
        segments += 1
    return SegmentInfo(GSM7, units, segments, _GSM_PART, _GSM_PART - (units - start), text)


def _ucs2(text: str) -> SegmentInfo:
    try:
        utf16 = text.encode("utf-16-le")
        analysed = text
    except UnicodeEncodeError:
        # Lone surrogates (possible in a Python str, never in real text): each is one unit that joins nothing.
        analysed = _LONE_SURROGATE.sub("\ufffd", text)
        utf16 = analysed.encode("utf-16-le")
    units = len(utf16) >> 1
    if units <= _UCS_SINGLE:
        return SegmentInfo(UCS2, units, 1, _UCS_SINGLE, _UCS_SINGLE - units, text)
    segments, last_part = count_parts(analysed, utf16, _UCS_PART)
    return SegmentInfo(UCS2, units, segments, _UCS_PART, _UCS_PART - last_part, text)


# Look-alike punctuation -> its GSM-7 equivalent. Letters are never touched (c-cedilla, a-acute and friends
# are real letters and stay as typed). Decisions: guillemets become straight double quotes and single
# guillemets straight single quotes (the way people read them); a bullet becomes "-" (a list item stays a list
# item); tab and every Unicode space become one plain space; line and paragraph separators become a line feed;
# invisible characters (zero-width space, word joiner, byte-order mark, soft hyphen) are removed. The
# zero-width joiner and non-joiner are left alone: they shape emoji and several scripts, and such text is
# Unicode anyway.
_SMART_REPLACEMENTS: Final[dict[str, str]] = {
    **dict.fromkeys("‘’‚‛′‵ʹʻʼʽ´`＇", "'"),
    **dict.fromkeys("“”„‟″‶«»＂", '"'),
    **dict.fromkeys("‹›", "'"),
    **dict.fromkeys("‐‑‒–—―−﹣－⁃•", "-"),
    "…": "...",
    "‼": "!!",
    **dict.fromkeys(
        "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000",
        " ",
    ),
    **dict.fromkeys("\u2028\u2029", "\n"),
    **dict.fromkeys("\u200b\u2060\ufeff\u00ad", ""),
}
_SMART_TABLE: Final = str.maketrans(_SMART_REPLACEMENTS)


def smart_replace(text: str) -> str:
    """Replace look-alike punctuation with GSM-7 equivalents (curly quotes, dashes, ellipsis, odd spaces...).

    Contract: only the characters listed in _SMART_REPLACEMENTS change; letters and everything else stay as
    they are, so the result may still need UCS-2.
    """
    return text.translate(_SMART_TABLE)
