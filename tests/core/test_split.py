"""split(): the parts a phone receives, cut exactly where analyze() counts them."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core.segments import GSM7_EXTENSION, analyze, split

SMILE = "\U0001f600"
FLAG_US = "\U0001f1fa\U0001f1f8"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"

PIECES = [*"aZ0 .,!?@£èéΔ", *GSM7_EXTENSION, "\n", "\r\n", "ç", "Ж", "中", "’", SMILE, FLAG_US, FAMILY,
          "e\u0301", "\u0301", "\ufe0f", "\U0001f44d\U0001f3fd", "\ud800"]  # fmt: skip


def check(text: str) -> None:
    info = analyze(text)
    parts = split(text)
    assert "".join(part.text for part in parts) == text
    assert len(parts) == info.segments
    assert [part.number for part in parts] == list(range(1, len(parts) + 1))
    assert all(part.units <= part.capacity == info.per_segment for part in parts)
    assert sum(part.units for part in parts) == info.units
    assert parts[-1].units == info.per_segment - info.remaining


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=700).map("".join))
def test_parts_join_back_and_agree_with_the_counter(text: str) -> None:
    check(text)


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("A" * 160, [160]),
        ("A" * 161, [153, 8]),
        ("A" * 152 + "{" + "A" * 152, [152, 153, 1]),  # the extension character moves whole to part two
        (SMILE * 34 + "a" + SMILE * 2, [66, 7]),  # no part ends inside a surrogate pair: 33 emoji in part one
        ("a" * 66 + FLAG_US + "a", [66, 5]),  # the flag does not fit in part one, so it starts part two
    ],
)
def test_hand_checked_cuts(text: str, sizes: list[int]) -> None:
    check(text)
    assert [part.units for part in split(text)] == sizes


def test_a_cluster_never_splits_across_parts() -> None:
    text = "a" * 63 + FAMILY + "b" * 10
    parts = split(text)
    assert parts[0].text == "a" * 63 and parts[1].text.startswith(FAMILY)
