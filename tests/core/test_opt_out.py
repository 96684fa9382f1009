"""The opt-out list in the lead review, the confirmation and the last check before a send (no Qt)."""

from __future__ import annotations

from vitedesk.core.campaign import Campaign
from vitedesk.core.confirmation import SendContext, summary_rows
from vitedesk.core.leads.left_out import NOT_INCLUDED, OPTED_OUT, left_out
from vitedesk.core.leads.review import NO_PHONE, review_leads, summary_sentence
from vitedesk.core.opt_out import UNREADABLE, opted_out_in, opted_out_text, refusal

LIST = "\n".join(
    [
        "Name,Phone",  # header
        "Ann,202 555 0143",
        "Bob,(213) 555-0100",
        "Ann again,+1 202-555-0143",  # duplicate of line 2
        "Ken North,n/a",  # no phone number
        "Cy,+44 20 7946 0958",
        "Dee,555 123 4567",  # possible, not valid: may not exist
    ]
)
OPTED = frozenset({"+12135550100", "+442079460958", "+19995550000"})


def test_opted_out_numbers_are_no_recipients_and_the_summary_still_adds_up() -> None:
    review = review_leads(LIST, "US")
    assert review.recipients == ["+12025550143", "+12135550100", "+442079460958"]
    review.opted_out = OPTED
    assert review.recipients == ["+12025550143"]
    assert review.recipient_lines == [2]
    assert review.opted_out_count == 2
    assert review.opted_out_found == [(3, "+12135550100"), (6, "+442079460958")]
    assert summary_sentence(review) == (
        "1 recipient · 1 duplicate removed · 1 line needs attention · 1 may not exist (not sent) · "
        "2 opted out · header line skipped"
    )
    # 7 lines: 1 recipient + 1 duplicate + 1 attention + 1 held back + 2 opted out + header
    accounted = 1 + len(review.report.duplicates) + len(review.invalid) + 1 + review.opted_out_count + 1
    assert accounted == len(LIST.splitlines())


def test_an_opted_out_number_that_may_not_exist_is_counted_once_as_opted_out() -> None:
    review = review_leads("555 123 4567\n202 555 0143", "US")
    assert review.unverified and review.unverified[0].e164 == "+15551234567"
    review.opted_out = frozenset({"+15551234567"})
    assert summary_sentence(review) == "1 recipient · 1 opted out"
    review.include_unverified = True
    assert review.recipients == ["+12025550143"]  # including unverified never brings an opt-out back


def test_the_last_check_refuses_an_opted_out_recipient_and_an_unreadable_list() -> None:
    assert refusal(["+12025550143"], frozenset()) == ""
    assert refusal(["+12025550143"], OPTED) == ""
    said = refusal(["+12025550143", "+12135550100", "+442079460958"], OPTED)
    assert said.startswith("Not sent: 2 recipients are on your opt-out list (+12135550100 …)")
    assert refusal(["+12135550100"], OPTED).startswith("Not sent: 1 recipient is on your opt-out list")
    own = refusal(["+12135550100"], OPTED, test=True)
    assert own.startswith("Not sent: your own number +12135550100 is on your opt-out list")
    assert refusal(["+12025550143"], None) == UNREADABLE
    assert opted_out_in(["+442079460958", "+1202"], OPTED) == ["+442079460958"]


def test_the_confirmation_counts_the_opted_out_numbers() -> None:
    campaign = Campaign(leads=["+12025550143"], message="Hello")
    rows = {row.key: row.text for row in summary_rows(campaign, SendContext(opted_out=3))}
    assert rows["opted_out"] == "3 numbers on your opt-out list are left out"
    assert opted_out_text(1) == "1 number on your opt-out list is left out"
    assert "opted_out" not in {row.key for row in summary_rows(campaign, SendContext())}


def test_what_was_left_out_names_each_line_its_text_and_why() -> None:
    review = review_leads(LIST, "US")
    review.opted_out = OPTED
    lines = LIST.splitlines()
    rows = left_out(review, lambda line: lines[line - 1])
    assert [(row.line, row.reason) for row in rows] == [
        (3, OPTED_OUT),
        (4, "Duplicate of +12025550143 on line 2"),
        (5, NO_PHONE),
        (6, OPTED_OUT),
        (7, NOT_INCLUDED),
    ]
    assert rows[0].raw == "Bob,(213) 555-0100"
    assert rows[1].raw == "+1 202-555-0143"
    review.include_unverified = True
    assert NOT_INCLUDED not in [row.reason for row in left_out(review, lambda line: lines[line - 1])]
