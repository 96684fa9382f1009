"""review_leads: every non-empty line accounted for, reasons that fit, unverified numbers held back,
and the offer of another country."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core.leads import parse_leads
from vitedesk.core.leads.review import EXTENSION, NO_PHONE, header_line, review_leads, summary_sentence

UK_NATIONAL = ["07400 123456", "07400 123457", "020 7946 0018", "07400 123458"]


def test_lines_without_a_phone_number_are_listed_with_their_line_and_text() -> None:
    review = review_leads("+1 202 555 0143\nKen North,n/a\nWendy Zane,,\n\n   \n+1 202 555 0178\n")
    assert [(r.line, r.raw, r.reason) for r in review.invalid] == [
        (2, "Ken North,n/a", NO_PHONE),
        (3, "Wendy Zane,,", NO_PHONE),
    ]
    assert summary_sentence(review) == "2 recipients · 2 lines need attention"


def test_only_a_header_on_the_first_line_is_skipped_and_the_summary_says_so() -> None:
    review = review_leads("Name,Phone,Email\n+1 202 555 0143\nName,Phone\n")
    assert review.header_skipped
    assert [(r.line, r.reason) for r in review.invalid] == [(3, NO_PHONE)]  # a later header needs a look
    assert summary_sentence(review) == "1 recipient · 1 line needs attention · header line skipped"
    assert not review_leads("Ken North,n/a\n+1 202 555 0143").header_skipped


def test_a_uk_number_with_united_states_chosen_asks_about_the_country_and_an_extension_says_so() -> None:
    review = review_leads("07700 900456\n202-555-0143 ext 12\n202-555-0143 x12\n")
    reasons = [r.reason for r in review.invalid]
    assert reasons[0] == "Not a United States number: is the country right?"
    assert "too long" not in reasons[0].lower()
    assert reasons[1] == reasons[2] == EXTENSION
    assert "extensions cannot receive texts" in EXTENSION


def test_uk_national_numbers_with_united_states_chosen_are_not_sent_and_united_kingdom_is_offered() -> None:
    text = "\n".join(UK_NATIONAL)
    review = review_leads(text, "US")
    assert review.recipients == []
    assert review.hint is not None and review.hint.region == "GB"
    assert review.hint.sentence == "These 4 numbers look like United Kingdom numbers."
    switched = review_leads(text, "GB")
    assert switched.recipients == ["+447400123456", "+447400123457", "+442079460018", "+447400123458"]
    assert switched.hint is None and not switched.invalid


def test_numbers_that_may_not_exist_are_sent_only_when_included() -> None:
    review = review_leads("+1 202 555 0143\n+1 555 123 4567\n+1 202 555 0143\n")
    unverified = [lead.e164 for lead in review.unverified]
    assert unverified == ["+15551234567"]  # area code 555 does not exist: possible, not valid
    assert review.recipients == ["+12025550143"]
    assert not set(unverified) & set(review.recipients)
    assert review.unverified_included_count == 0 and review.unverified_included == []
    assert "may not exist (not sent)" in summary_sentence(review)
    review.include_unverified = True
    assert set(unverified) <= set(review.recipients)
    assert review.unverified_included_count == len(unverified)
    assert "may not exist" not in summary_sentence(review)


def test_recipient_lines_say_where_each_number_came_from() -> None:
    text = "Name\n+44 20 7946 0018\n\n+44 20 7946 0018\n+49 30 901820\n+44 7400 123456, +33 1 42 68 53 00"
    report = parse_leads(text)
    assert report.numbers == ["+442079460018", "+4930901820", "+447400123456", "+33142685300"]
    assert report.number_lines == [2, 5, 6, 6]


# Lines as people paste them: numbers in many shapes, names, blanks, junk, headers, repeats.
_PIECES = st.sampled_from(
    [
        "+1 202 555 0143", "(202) 555-0178", "2025550143", "+44 20 7946 0958", "07400 123456",
        "+1 555 123 4567", "Ken North,n/a", "Wendy Zane,,", "n/a", "-", "12345", "202-555-0143 ext 12",
        "tel:+49 30 901820",
        "Smith;+33 1 42 68 53 00", "\u0662\u0660\u0662\u0665\u0665\u0665\u0660\u0661\u0664\u0663", "  ",
        "", "Phone", "1.2025550143E+10", "++49 30 901820", "abc 123", "\u00a0", "x", "Mobile:", ",,,",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.booleans(), st.sampled_from(["US", "GB", "DE"]), st.booleans())
def test_the_summary_accounts_for_every_non_empty_line(
    lines: list[str], header: bool, region: str, include: bool
) -> None:
    text = "\n".join((["Name,Phone"] if header else []) + lines)
    review = review_leads(text, region)
    review.include_unverified = include
    non_empty = sum(1 for line in text.split("\n") if line.strip(" \u00a0\t"))
    held = len(review.unverified) - review.unverified_included_count
    attention = len(review.invalid) + held
    counted = len(review.recipients) + len(review.report.duplicates) + attention + review.header_skipped
    assert counted == non_empty
    assert review.header_skipped == (header or (bool(lines) and header_line(lines[0])))
    assert len(review.recipient_lines) == len(review.recipients)


def test_lines_without_a_number_are_found_the_same_a_slice_at_a_time() -> None:
    from vitedesk.core.leads.review import _digitless_lines

    text = "\n".join(
        [
            "Name,Phone",
            "Ann,202 555 0143",
            "",
            "Ken North,n/a",
            "  ",
            "été",
            "+44 20 7946 0958",
            "Wendy Zane,,",
        ]
        * 40
    )
    whole = _digitless_lines(text, slice_chars=len(text) + 1)
    assert len(whole) == 4 * 40 and whole[:2] == [(1, "Name,Phone"), (4, "Ken North,n/a")]
    for slice_chars in (1, 5, 17, 100):  # slices end inside lines, on line breaks, on blank lines
        assert _digitless_lines(text, slice_chars=slice_chars) == whole
