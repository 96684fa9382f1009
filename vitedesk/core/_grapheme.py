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
_PICTO = _either(data.PICTOGRAPHIC_BMP, data.PICTOGRAPHIC_ASTRAL, "\U0001f000-\U0001ffff")

# Matched on the REVERSED text, starting at the character right after the cut and going back towards the
# start of the part (endpos, where \Z matches). The match covers that character and everything before it that
# belongs to its cluster. Possessive quantifiers: nothing needs to give characters back, and they are faster.
_CLUSTER_TAIL_REVERSED = re.compile(
    rf"""
    {_CONTROL}                                      # a control, CR or LF is a cluster of its own
  | {_POST}*+ (?:                                   # marks (and ZWJ) that follow their core character
        (?= {_CONTROL} | \Z )                       # ... after a control or at the start: their own cluster
      | (?:
            {_PICTO} (?: {_ZWJ} {_EXTEND}*+ {_PICTO} )*+      # emoji ZWJ sequence (read backwards)
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
