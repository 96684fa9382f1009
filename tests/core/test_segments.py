"""The segment counter: hand-checked SMS counts, and a slow, obvious reference implementation to agree with.

Expected numbers were worked out by hand from GSM 03.38 / 3GPP TS 23.038 (160/153 septets, 70/67 UTF-16 units,
extension characters cost 2 septets and never straddle parts) and agree with Twilio's open-source calculator
(npm sms-segments-calculator 1.3.0; the differential run lives in tests/bench/bench_segments.py).
"""

import re

import pytest
from helpers.segments_reference import reference, reference_parts
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vitedesk.core import _grapheme, _grapheme_data
from vitedesk.core.campaign import Campaign, Route, RouteKind
from vitedesk.core.segments import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    SegmentInfo,
    analyze,
    shared_analysis,
    smart_replace,
    unicode_stretches,
)

SMILE = "\U0001f600"  # 😀, 2 UTF-16 units
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"  # 👍🏽 thumbs up + skin tone modifier: one cluster, 4 units
FLAG_US = "\U0001f1fa\U0001f1f8"  # 🇺🇸 two regional indicators: one cluster, 4 units
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧 ZWJ sequence: one cluster, 8 units
E_ACUTE_DECOMPOSED = "e\u0301"  # e + combining acute: one cluster, 2 units
HEART_RED = "\u2764\ufe0f"  # ❤️ heart + variation selector 16: one cluster, 2 units


def counts(text: str) -> tuple[str, int, int, int, int]:
    info = analyze(text)
    return info.encoding, info.segments, info.units, info.per_segment, info.remaining


# --- the examples of the issue, exactly ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "segments", "units"),
    [
        ("A" * 160, "GSM-7", 1, 160),
        ("A" * 161, "GSM-7", 2, 161),
        ("A" * 152 + "{" + "A" * 152, "GSM-7", 3, 306),
        (SMILE * 35, "UCS-2", 1, 70),
        ("A" * 66 + SMILE + "A" * 66, "UCS-2", 3, 134),
    ],
)
def test_examples_from_the_specification(text: str, encoding: str, segments: int, units: int) -> None:
    info = analyze(text)
    assert (info.encoding, info.segments, info.units) == (encoding, segments, units)


def test_empty_text_is_one_empty_gsm_message() -> None:
    assert counts("") == ("GSM-7", 1, 0, 160, 160)
    assert analyze("").non_gsm == []


# --- the alphabet ----------------------------------------------------------------------------------


def test_the_basic_table_has_127_characters_and_the_extension_table_10() -> None:
    assert len(set(GSM7_BASIC)) == 127 and "\x1b" not in GSM7_BASIC
    assert set(GSM7_EXTENSION) == set("\f^{}\\[]~|€")


def test_every_basic_character_costs_one_septet_and_every_extension_character_two() -> None:
    for char in GSM7_BASIC:
        assert counts(char * 10)[:3] == ("GSM-7", 1, 10), repr(char)
    for char in GSM7_EXTENSION:
        assert counts(char * 10)[:3] == ("GSM-7", 1, 20), repr(char)


@pytest.mark.parametrize(
    "char", ["ç", "\t", "`", "\x1b", "á", "Á", "ê", "\u00a0", "’", "Ж", "中", SMILE, "\x00"]
)
def test_characters_outside_both_tables_switch_the_whole_text_to_ucs2(char: str) -> None:
    text = "Hello " + char + " world"
    info = analyze(text)
    assert info.encoding == "UCS-2"
    assert info.non_gsm == [(6, char)]
    assert info.units == len(text.encode("utf-16-le")) // 2


def test_upper_case_c_cedilla_is_gsm_and_lower_case_is_not() -> None:
    assert analyze("Ça").encoding == "GSM-7"
    assert analyze("ça").encoding == "UCS-2"


def test_greek_capitals_and_euro_are_gsm_and_the_euro_costs_two_septets() -> None:
    assert counts("ΔΦΓΛΩΠΨΣΘΞ") == ("GSM-7", 1, 10, 160, 150)
    assert counts("5€") == ("GSM-7", 1, 3, 160, 157)


def test_extension_characters_cost_one_unit_inside_ucs2() -> None:
    assert counts("{}[]~|^\\€\f" + "ç") == ("UCS-2", 1, 11, 70, 59)


def test_non_gsm_lists_every_offending_character_with_its_index() -> None:
    text = "Olá ça va? " + SMILE + " ok"
    assert analyze(text).non_gsm == [(2, "á"), (4, "ç"), (11, SMILE)]


def test_lone_surrogates_do_not_crash_the_counter() -> None:
    info = analyze("a\ud83d" * 40)
    assert (info.encoding, info.units, info.segments) == ("UCS-2", 80, 2)


# --- where parts end -------------------------------------------------------------------------------


def test_gsm_boundaries_at_160_and_153() -> None:
    assert counts("A" * 159) == ("GSM-7", 1, 159, 160, 1)
    assert counts("A" * 306) == ("GSM-7", 2, 306, 153, 0)
    assert counts("A" * 307) == ("GSM-7", 3, 307, 153, 152)


def test_an_extension_character_that_would_straddle_moves_to_the_next_part() -> None:
    # "{" at septets 152-153 (0-based): the first part keeps 152 septets, the brace opens part two, which is
    # then exactly full (2 + 151). ceil(305 / 153) says 2 as well; one more "A" makes the difference.
    assert counts("A" * 152 + "{" + "A" * 151) == ("GSM-7", 2, 305, 153, 0)
    assert counts("A" * 152 + "{" + "A" * 152) == ("GSM-7", 3, 306, 153, 152)
    # "{" at septets 151-152 fits exactly in part one: two parts.
    assert counts("A" * 151 + "{" + "A" * 152) == ("GSM-7", 2, 305, 153, 1)
    # A single SMS never splits: 158 + 2 = 160 septets is one part.
    assert counts("A" * 158 + "{") == ("GSM-7", 1, 160, 160, 0)
    assert counts("A" * 159 + "{") == ("GSM-7", 2, 161, 153, 145)


def test_only_extension_characters() -> None:
    # 76 braces per part (152 septets); the 153rd septet would split a brace.
    assert counts("{" * 80) == ("GSM-7", 1, 160, 160, 0)
    assert counts("{" * 81) == ("GSM-7", 2, 162, 153, 143)
    assert counts("{" * 153) == ("GSM-7", 3, 306, 153, 151)


def test_ucs2_boundaries_at_70_and_67() -> None:
    assert counts("ç" * 70) == ("UCS-2", 1, 70, 70, 0)
    assert counts("ç" * 71) == ("UCS-2", 2, 71, 67, 63)
    assert counts("ç" * 134) == ("UCS-2", 2, 134, 67, 0)


def test_an_emoji_never_splits_its_surrogate_pair() -> None:
    assert counts("a" * 65 + SMILE + "a" * 4) == ("UCS-2", 2, 71, 67, 63)  # emoji at units 65-66 fits
    assert counts("a" * 66 + SMILE + "a" * 3) == ("UCS-2", 2, 71, 67, 62)  # at 66-67: moves, wastes 1
    assert counts(SMILE * 67) == ("UCS-2", 3, 134, 67, 65)  # 33 per part (66 units), 1 left for part three


@pytest.mark.parametrize(
    ("cluster", "cluster_units"),
    [(THUMBS_MEDIUM, 4), (FLAG_US, 4), (FAMILY, 8), (E_ACUTE_DECOMPOSED, 2), (HEART_RED, 2)],
)
def test_a_grapheme_cluster_moves_whole_to_the_next_part(cluster: str, cluster_units: int) -> None:
    # The cluster starts at unit 66: with only 1 unit left in part one it moves whole to part two.
    text = "ç" * 66 + cluster + "a" * 10
    units = 66 + cluster_units + 10
    assert counts(text) == ("UCS-2", 2, units, 67, 67 - (cluster_units + 10))
    # Starting earlier so that it ends exactly at unit 67, it stays in part one.
    text = "ç" * (67 - cluster_units) + cluster + "a" * 10
    assert counts(text) == ("UCS-2", 2, 77, 67, 57)


def test_flags_pair_up_from_the_start_of_a_run_of_regional_indicators() -> None:
    # 17 flags = 34 indicators = 68 units: 16 flags (64 units) in part one, the 17th moves whole.
    assert counts(FLAG_US * 17 + "a" * 3) == ("UCS-2", 2, 71, 67, 60)
    # With one more indicator in front, the pairs shift by one (A+U, S+U, ..., S alone): part one ends after
    # "a" and 16 pairs (65 units); pairing by the flags as typed would have filled it to 67.
    lone = "\U0001f1e6"
    assert counts("a" + lone + FLAG_US * 17 + "a" * 3) == ("UCS-2", 2, 74, 67, 58)


def test_a_crlf_may_straddle_two_parts() -> None:
    assert counts("A" * 159 + "\r\n") == ("GSM-7", 2, 161, 153, 145)
    assert counts("ç" * 66 + "\r\n" + "ç" * 3) == ("UCS-2", 2, 71, 67, 63)


def test_a_cluster_longer_than_a_part_is_split_between_code_points() -> None:
    zalgo = "e" + "\u0301" * 80  # one cluster of 81 units, more than any part holds
    info = analyze(zalgo)
    assert (info.segments, info.units, info.remaining) == (2, 81, 53)


def test_marks_after_a_line_break_do_not_glue_to_it() -> None:
    # The mark after "\n" is a cluster of its own (GB4), so the cut may fall between them.
    assert counts("ç" * 66 + "\n\u0301" + "ç" * 3) == ("UCS-2", 2, 71, 67, 63)


_TRICKY = [
    "a",
    "b",
    " ",
    "é",
    "Ç",
    "{",
    "€",
    "\r",
    "\n",
    "\r\n",
    "\f",
    "ç",
    "\t",
    "`",
    "Ж",
    SMILE,
    THUMBS_MEDIUM,
    FLAG_US,
    "\U0001f1e6",
    FAMILY,
    "\u200d",
    E_ACUTE_DECOMPOSED,
    "\u0301",
    HEART_RED,
    "\ufe0f",
    "\U0001f3fb",
    "\u0600",
    "\u0915\u094d\u0937",
    "\u1100\u1161\u11a8",
    "\uac00",
    "\uac01",
    "\u11a8",
    "\U000e0067",
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "\U00011000\U00011038",
    "\ud83d",
    "\U0001d54f",
    "\u0e33",
    "\u200b",
    "\u00ad",
]
tricky_texts = st.lists(st.sampled_from(_TRICKY), max_size=260).map("".join)
gsm_texts = st.text(alphabet=st.sampled_from(GSM7_BASIC + GSM7_EXTENSION), max_size=700)


@given(tricky_texts)
@settings(max_examples=400, deadline=None)
@example("a" * 66 + "\U0001f1e6" * 3)
@example("\u0301" * 140)
@example(("\U0001f600\u200d" * 50) + "x")
def test_analyze_agrees_with_the_slow_reference_on_tricky_text(text: str) -> None:
    assert counts(text) == reference(text)


@given(gsm_texts)
@settings(max_examples=200, deadline=None)
def test_analyze_agrees_with_the_slow_reference_on_gsm_text(text: str) -> None:
    assert counts(text) == reference(text)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400))
@settings(max_examples=300, deadline=None)
def test_analyze_never_raises_and_its_numbers_hang_together(text: str) -> None:
    info = analyze(text)
    assert isinstance(info, SegmentInfo)
    assert info.encoding in ("GSM-7", "UCS-2")
    single, part = (160, 153) if info.encoding == "GSM-7" else (70, 67)
    assert info.per_segment == (single if info.segments == 1 else part)
    assert 0 <= info.remaining < info.per_segment or (info.remaining == info.per_segment and info.units == 0)
    assert info.units <= info.segments * info.per_segment
    assert (info.encoding == "GSM-7") == (info.non_gsm == [])


@given(tricky_texts)
@settings(max_examples=200, deadline=None)
def test_no_part_of_the_reference_split_exceeds_its_capacity_and_the_split_loses_nothing(text: str) -> None:
    encoding, parts, _ = reference_parts(text)
    capacity = (
        (160 if encoding == "GSM-7" else 70) if len(parts) == 1 else (153 if encoding == "GSM-7" else 67)
    )
    for piece in parts:
        if encoding == "GSM-7":
            assert sum(2 if ch in GSM7_EXTENSION else 1 for ch in piece) <= capacity
        else:
            assert len(piece.encode("utf-16-le")) // 2 <= capacity
    assert "".join(parts) == re.sub("[\ud800-\udfff]", "\ufffd", text) or encoding == "GSM-7"
    assert counts(text)[1] == len(parts)


@given(tricky_texts, tricky_texts)
@settings(max_examples=300, deadline=None)
def test_appending_text_never_lowers_units_or_parts(text: str, more: str) -> None:
    before, after = analyze(text), analyze(text + more)
    assert after.segments >= before.segments
    if after.encoding == before.encoding:
        assert after.units >= before.units
    # Across the GSM-7 -> UCS-2 switch units may drop: "{{{{" is 8 septets, "{{{{ç" only 5 UTF-16 units.


def test_units_may_drop_when_the_text_switches_to_ucs2_but_parts_do_not() -> None:
    assert counts("{" * 4) == ("GSM-7", 1, 8, 160, 152)
    assert counts("{" * 4 + "ç") == ("UCS-2", 1, 5, 70, 65)
    assert counts("{" * 80)[1] == 1 and counts("{" * 80 + "ç")[1] == 2


def test_astral_glue_characters_are_behind_the_cheap_guard() -> None:
    # The cluster regex only looks at astral marks inside _ASTRAL_MARK_BLOCKS (speed); none may fall outside.
    guard = re.compile(f"[{_grapheme._ASTRAL_MARK_BLOCKS}{_grapheme._COMMON_ASTRAL_MARKS}]")
    astral = _grapheme_data.EXTEND_ASTRAL + _grapheme_data.SPACING_MARK_ASTRAL
    assert all(guard.fullmatch(ch) for ch in astral.replace("-", ""))


# --- smart_replace ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("‘single’ ‚low‛", "'single' 'low'"),
        ("“double” „low‟", '"double" "low"'),
        ("5′ 10″", "5' 10\""),
        ("a – b — c − d", "a - b - c - d"),
        ("wait…", "wait..."),
        ("no\u00a0break\u202fnarrow\u2009thin", "no break narrow thin"),
        ("zero\u200bwidth\u2060joiner\ufeff", "zerowidthjoiner"),
        ("«Bonjour» ‹ok›", "\"Bonjour\" 'ok'"),
        ("• item", "- item"),
        ("tab\there", "tab here"),
        ("`tick`", "'tick'"),
    ],
)
def test_smart_replace_turns_look_alike_punctuation_into_gsm(before: str, after: str) -> None:
    assert smart_replace(before) == after
    assert analyze(smart_replace(before)).encoding == "GSM-7"


def test_smart_replace_keeps_real_letters_and_emoji() -> None:
    text = "ça á ñ Ж 中 " + FAMILY + " " + THUMBS_MEDIUM + " " + E_ACUTE_DECOMPOSED
    assert smart_replace(text) == text


def test_smart_replace_can_save_parts() -> None:
    text = "Don’t miss our sale – today only… " * 3  # 102 characters
    assert counts(text)[:2] == ("UCS-2", 2)
    assert counts(smart_replace(text))[:2] == ("GSM-7", 1)


def test_unicode_stretches_join_words_of_another_script_but_not_across_plain_words() -> None:
    arabic = "مرحبا طلبك جاهز"
    assert unicode_stretches(arabic) == [(0, len(arabic))]  # one highlight, spaces included
    mixed = "Hi “Anna” and “Bo”"
    assert [mixed[a:b] for a, b in unicode_stretches(mixed)] == ["“", "”", "“", "”"]
    assert unicode_stretches("Привет, мир") == [(0, 6), (8, 11)]  # a comma is plain text


def test_the_views_of_one_edit_share_one_analysis() -> None:
    message = "Привет “Anna” " * 40
    composer_view = shared_analysis(message)
    campaign = Campaign(leads=["+12025550143"], message=message, route=Route(RouteKind.PUBLIC))
    assert campaign.segment_info is composer_view  # counted once, non_gsm listed once
    assert composer_view == analyze(message)
