"""Where an SMS part may end in Unicode text: the subset of UAX #29 grapheme clusters that matters at a cut.

Only the few positions where a part would end are examined, so instead of segmenting the whole text this
module answers one question fast: "the cut falls before character i; where does the cluster holding i start?".
It reads the text backwards (a reversed copy) with a compiled regex, bounded by the start of the current part.

Implemented rules: CR, LF and other controls stand alone (GB4/GB5; a CR LF pair may be split, as Twilio's
calculator does), Hangul syllable sequences (GB6-GB8), Extend/ZWJ/SpacingMark join the previous character
(GB9/GB9a; combining marks, variation selectors, emoji skin-tone modifiers, tag characters), Prepend joins the
next one (GB9b), pictographic ZWJ sequences (GB11), regional-indicator pairs = flags (GB12/GB13).
Not implemented: the Unicode 15.1 Indic conjunct rule GB9c (a virama conjunct may be split between parts).
"""

import re

from vitedesk.core import _grapheme_data as data

_ASTRAL = "\U00010000-\U0010ffff"
# Astral characters are checked against a cheap range first: Python's regex engine tests the astral part of a
# big character class range by range, which would make every emoji cost ~200 comparisons. The emoji modifiers,
# tags and supplementary variation selectors are listed directly (few ranges), the rest of the astral marks
# (historic and Indic scripts) sits behind the guard.
_ASTRAL_MARK_BLOCKS = "\U00010000-\U0001d3ff\U0001d800-\U0001e9ff"
_COMMON_ASTRAL_MARKS = "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef"

_RI = "\U0001f1e6-\U0001f1ff"
_ZWJ = "\u200d"
_L = "\u1100-\u115f\ua960-\ua97c"
_V = "\u1160-\u11a7\ud7b0-\ud7c6"
_T = "\u11a8-\u11ff\ud7cb-\ud7fb"
_LV = "".join(chr(0xAC00 + 28 * k) for k in range(399))
_SYLLABLE = "\uac00-\ud7a3"


def _either(fast: str, guarded: str, guard: str) -> str:
    """A regex for one character of a class: `fast` part, or `guarded` part behind a cheap `guard` range."""
    return f"(?:[{fast}]|(?=[{guard}])[{guarded}])"


_EXTEND = _either(data.EXTEND_BMP + _COMMON_ASTRAL_MARKS, data.EXTEND_ASTRAL, _ASTRAL_MARK_BLOCKS)
_POST = _either(
    data.EXTEND_BMP + data.SPACING_MARK_BMP + _ZWJ + _COMMON_ASTRAL_MARKS,
    data.EXTEND_ASTRAL + data.SPACING_MARK_ASTRAL,
    _ASTRAL_MARK_BLOCKS,
)
_PREPEND = f"[{data.PREPEND_BMP}{data.PREPEND_ASTRAL}]"
_CONTROL = f"[{data.CONTROL_BMP}{data.CONTROL_ASTRAL}]"
_PICTO = f"[{data.PICTOGRAPHIC_BMP}{data.PICTOGRAPHIC_ASTRAL}]"

# Matched on the REVERSED text, starting at the character right after the cut and going back towards the
# start of the part (endpos, where \Z matches). The match covers that character and everything before it that
# belongs to its cluster. Possessive quantifiers: nothing needs to give characters back, and they are faster.
_CLUSTER_TAIL_REVERSED = re.compile(
    rf"""
    {_CONTROL}                                      # a control, CR or LF is a cluster of its own
  | {_POST}*+ (?:                                   # marks (and ZWJ) that follow their core character
        (?= {_CONTROL} | \Z )                       # ... after a control or at the start: their own cluster
      | (?:
            {_PICTO} (?: {_ZWJ} {_PICTO} | {_ZWJ} {_EXTEND}++ {_PICTO} )*+   # emoji ZWJ sequence, backwards
          | [{_RI}] (?= (?: [{_RI}][{_RI}] )*+ (?! [{_RI}] ) )  # first flag letter: even count before it
          | [{_RI}][{_RI}]                                    # second flag letter: take its partner too
          | [{_T}]*+ (?: (?![{_LV}])[{_SYLLABLE}] | [{_V}]*+ [{_LV}] | [{_V}]++ ) [{_L}]*+   # Hangul syllable
          | [{_T}]++ | [{_L}]++
          | .                                                 # any other character
        ) {_PREPEND}*+
    )
    """,
    re.VERBOSE | re.DOTALL,
)
# One whole cluster, read forwards from a cluster boundary: used to find where a cluster longer than a part
# ends, so that the cuts inside it need no further lookups.
_CLUSTER_FORWARD = re.compile(
    rf"""
    {_CONTROL}
  | {_PREPEND}*+ (?:
        [{_RI}][{_RI}]?                                       # a flag (or a lone flag letter)
      | [{_L}]*+ (?: [{_V}]++ | [{_LV}][{_V}]*+ | (?![{_LV}])[{_SYLLABLE}] ) [{_T}]*+ | [{_L}]++ | [{_T}]++
      | {_PICTO} (?: {_ZWJ} {_PICTO} | {_EXTEND}++ {_ZWJ} {_PICTO} )*+   # emoji ZWJ sequence
      | (?! {_CONTROL} ) .
    )? {_POST}*+
    """,
    re.VERBOSE | re.DOTALL,
)
# Consecutive flag letters (regional indicators) going backwards: their count decides how they pair up.
_RI_RUN_REVERSED = re.compile(f"[{_RI}]*+")


def _characters(char_class: str) -> frozenset[str]:
    """The characters of a regex character-class body made of single characters and a-b ranges."""
    found: set[str] = set()
    position = 0
    while position < len(char_class):
        low = char_class[position]
        if position + 2 < len(char_class) and char_class[position + 1] == "-":
            found.update(map(chr, range(ord(low), ord(char_class[position + 2]) + 1)))
            position += 3
        else:
            found.add(low)
            position += 1
    return frozenset(found)


# A cut between characters a and b can only split a cluster when b joins what comes before it (marks, ZWJ,
# a flag's second letter, Hangul vowel/trailing jamo) or a joins what follows it (Prepend, ZWJ, a flag letter,
# Hangul leading jamo). Everything else breaks (a syllable joins only jamo, which are in these sets).
JOINS_PREVIOUS: frozenset[str] = _characters(
    data.EXTEND_BMP
    + data.EXTEND_ASTRAL
    + data.SPACING_MARK_BMP
    + data.SPACING_MARK_ASTRAL
    + _ZWJ
    + _RI
    + _V
    + _T
)
JOINS_NEXT: frozenset[str] = _characters(data.PREPEND_BMP + data.PREPEND_ASTRAL + _ZWJ + _RI + _L)
_REGIONAL_INDICATORS = _characters(_RI)
_PREPENDS = _characters(data.PREPEND_BMP + data.PREPEND_ASTRAL)
_CONTROLS = _characters(data.CONTROL_BMP + data.CONTROL_ASTRAL)
_MARKS = _characters(
    data.EXTEND_BMP + data.EXTEND_ASTRAL + data.SPACING_MARK_BMP + data.SPACING_MARK_ASTRAL + _ZWJ
)

_LOW_SURROGATE = 2
_HIGH_SURROGATE = 1
# High byte of a UTF-16 code unit -> 1 for a high surrogate, 2 for a low surrogate, 0 otherwise.
_UNIT_KIND = bytes(
    _HIGH_SURROGATE if 0xD8 <= i <= 0xDB else _LOW_SURROGATE if 0xDC <= i <= 0xDF else 0 for i in range(256)
)


def count_parts(text: str, utf16: bytes, capacity: int, cuts: list[int] | None = None) -> tuple[int, int]:
    """(number of parts, units in the last part) when `text` is cut into parts of `capacity` UTF-16 units.

    `utf16` is text.encode("utf-16-le") and holds more than one part. A part never ends inside a surrogate
    pair or a grapheme cluster, except a cluster longer than a whole part, which is cut between code points.
    The loop visits each cut once; everything it calls is C (bytes.count, set lookups, one regex match).
    When `cuts` is given, the code point index where each part after the first starts is appended to it.
    """
    units = len(utf16) >> 1
    astral = units != len(text)
    # High/low surrogate marks per unit, to keep pairs whole and map a unit offset to a code point index.
    kinds = utf16[1::2].translate(_UNIT_KIND) if astral else b""
    reversed_text = ""  # made on first need
    end = 0  # its length
    planes = b""  # made on first need: one byte per code point, 0 for a BMP one
    oversize_end = 0  # end of the cluster longer than a part that is being cut, if any
    start = 0  # unit offset of the current part
    first = 0  # code point index of its first character
    parts = 1
    while units - start > capacity:
        cut = start + capacity
        if astral:
            if kinds[cut] == _LOW_SURROGATE:
                cut -= 1
            index = first + (cut - start) - kinds.count(_HIGH_SURROGATE, start, cut)
        else:
            index = cut
        after = text[index]
        before = text[index - 1]
        if index < oversize_end:
            pass  # inside a cluster longer than a whole part: it is cut between code points
        # Only a character that glues to a neighbour can make this cut split a cluster.
        elif after in JOINS_PREVIOUS or before in JOINS_NEXT:
            if (
                after in _MARKS
                and before not in JOINS_PREVIOUS
                and before not in JOINS_NEXT
                and before not in _CONTROLS
                and text[index - 2] not in JOINS_NEXT
            ):
                # The common case, a mark after a plain character that nothing glues to (e + accent, emoji +
                # skin tone or variation selector): the cluster starts at that character.
                begin = index - 1
            else:
                if not reversed_text:
                    reversed_text = text[::-1]
                    end = len(text)
                if after in _REGIONAL_INDICATORS and before in _REGIONAL_INDICATORS:
                    # Between two flag letters: they pair up from the start of their run (GB12/GB13).
                    run = _RI_RUN_REVERSED.match(reversed_text, end - index, end - first)
                    begin = index - ((run.end() - end + index) & 1 if run else 0)
                    if begin > first and text[begin - 1] in _PREPENDS:
                        begin = cluster_start(reversed_text, index, first)
                else:
                    begin = cluster_start(reversed_text, index, first)
            if first < begin < index:
                # The cluster straddles the cut: the whole cluster moves to the next part.
                if begin == index - 1:
                    cut -= 2 if text[begin] > "\uffff" else 1
                else:
                    if astral and not planes:
                        planes = text.encode("utf-32-le")[2::4]
                    cut -= index - begin
                    if astral:
                        cut -= index - begin - planes.count(0, begin, index)
                index = begin
            elif begin <= first:
                # The cluster starts with the part and does not fit in it: note where it ends.
                match = _CLUSTER_FORWARD.match(text, first)
                oversize_end = match.end() if match else index
        start, first = cut, index
        parts += 1
        if cuts is not None:
            cuts.append(index)
    return parts, units - start


def cluster_start(reversed_text: str, index: int, lower: int) -> int:
    """Start of the grapheme cluster that holds text[index], looking back no further than index `lower`.

    reversed_text is text[::-1]. Returns a value in [lower, index]; `lower` means the cluster may start at or
    before it (the caller treats it as "no boundary after lower").
    """
    n = len(reversed_text)
    if reversed_text[n - 1 - index] in _REGIONAL_INDICATORS and index > lower:
        # Flags: the letters before this one pair up from the start of their run (GB12/GB13). A fast path for
        # flag-heavy text; the general pattern below handles a Prepend character in front of the pair.
        run_match = _RI_RUN_REVERSED.match(reversed_text, n - index, n - lower)
        run = run_match.end() - (n - index) if run_match else 0
        begin = index - (run & 1)
        if begin == lower or reversed_text[n - begin] not in _PREPENDS:
            return begin
    match = _CLUSTER_TAIL_REVERSED.match(reversed_text, n - 1 - index, n - lower)
    if match is None:  # cannot happen (the catch-all branch matches any character); stay safe anyway
        return index
    return n - match.end()
