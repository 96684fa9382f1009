"""Campaign rules as a person sees them: what blocks Send, what only warns, and what the sentences say."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from vitedesk.core.campaign import Campaign, Problem, Route, RouteKind

FIELDS = {"leads", "message", "route", "server_id", "sid", "images", "protocol"}
US = "+12025550143"
UK = "+447700900123"
FR = "+33612345678"


def png(path: Path, size: tuple[int, int] = (4, 4)) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def blocking(campaign: Campaign) -> list[Problem]:
    return [problem for problem in campaign.problems() if problem.blocking]


def warnings(campaign: Campaign) -> list[Problem]:
    return [problem for problem in campaign.problems() if not problem.blocking]


def messages(problems: list[Problem], field: str) -> list[str]:
    return [problem.message for problem in problems if problem.field == field]


# -- Campaign basics


def test_a_plain_sms_to_one_number_is_ready_with_nothing_to_say() -> None:
    campaign = Campaign([US], "Hello from ViteDesk!")

    assert campaign.problems() == []
    assert campaign.route == Route.public()
    assert campaign.effective_protocol == "SMS"
    assert campaign.total_messages == 1


def test_sequences_are_frozen_as_tuples() -> None:
    leads = [US, UK]
    campaign = Campaign(leads, "Hi", images=["a.png"])  # type: ignore[list-item]
    leads.append(FR)

    assert campaign.leads == (US, UK)
    assert campaign.images == (Path("a.png"),)


def test_one_string_of_leads_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        Campaign(US, "Hi")


def test_protocol_follows_the_pictures_unless_chosen(tmp_path: Path) -> None:
    picture = png(tmp_path / "a.png")

    assert Campaign([US], "Hi").effective_protocol == "SMS"
    assert Campaign([US], "Hi", images=[picture]).effective_protocol == "MMS"
    assert Campaign([US], "Hi", protocol="MMS", images=[picture]).effective_protocol == "MMS"
    assert Campaign([US], "Hi", protocol="SMS", images=[picture]).effective_protocol == "SMS"


def test_total_messages_counts_parts_for_sms_and_one_per_recipient_for_mms(tmp_path: Path) -> None:
    text = "a" * 200  # 2 SMS parts

    sms = Campaign([US, UK, FR], text)
    mms = Campaign([US, UK, FR], text, images=[png(tmp_path / "a.png")])

    assert sms.segment_info.segments == 2
    assert (sms.parts_per_recipient, sms.total_messages) == (2, 6)
    assert (mms.parts_per_recipient, mms.total_messages) == (1, 3)


# -- leads


def test_no_recipient_blocks() -> None:
    assert blocking(Campaign([], "Hi")) == [
        Problem(
            "leads", "Add at least one recipient: paste or type phone numbers in the recipients box.", True
        )
    ]


def test_unverified_numbers_are_counted_in_a_warning() -> None:
    one = Campaign([US, UK], "Hi", unverified=["+12025550100", US])
    two = Campaign([US, UK, FR], "Hi", unverified=[US, UK, UK])

    assert blocking(one) == []
    assert messages(warnings(one), "leads") == [
        "1 number is not in any known number range, so the message may not be delivered to it. "
        "Check it in the recipients list."
    ]
    assert messages(warnings(two), "leads")[0].startswith("2 numbers are not in any known number range")


# -- message


@pytest.mark.parametrize("text", ["", "   ", "\n\t \r\n"])
def test_empty_or_blank_message_blocks_sms_and_mms(tmp_path: Path, text: str) -> None:
    expected = [Problem("message", "Write a message: it is empty.", True)]

    assert blocking(Campaign([US], text)) == expected
    assert blocking(Campaign([US], text, images=[png(tmp_path / "a.png")])) == expected


def test_sms_over_1600_characters_blocks_and_says_by_how_much() -> None:
    assert blocking(Campaign([US], "a" * 1600)) == []
    assert blocking(Campaign([US], "a" * 1734)) == [
        Problem(
            "message",
            "The message is 1,734 characters long; a text message can have at most 1,600. "
            "Shorten it by 134 characters.",
            True,
        )
    ]


def test_long_text_in_an_mms_is_neither_blocked_nor_counted_in_parts(tmp_path: Path) -> None:
    campaign = Campaign([US], "“long” " * 300, images=[png(tmp_path / "a.png")])

    assert campaign.problems() == []


def test_more_than_four_parts_is_a_warning_with_the_cost() -> None:
    assert warnings(Campaign([US], "a" * 600)) == []  # 4 parts

    campaign = Campaign([US, UK], "a" * 800)  # 6 parts

    assert blocking(campaign) == []
    assert messages(warnings(campaign), "message") == [
        "This message is 6 SMS long: each recipient's phone joins the parts, but every part is paid for "
        "(6 × 2 = 12 messages). Shorten the message if you can."
    ]


def test_curly_quotes_are_named_with_the_parts_they_cost() -> None:
    campaign = Campaign([US], "“Hi” it’s " + "a" * 140)

    assert blocking(campaign) == []
    assert messages(warnings(campaign), "message") == [
        "“, ” and ’ force Unicode: this message needs 3 SMS instead of 1. "
        "Use Replace to swap them for plain characters."
    ]


def test_unicode_cost_is_also_given_for_all_recipients() -> None:
    campaign = Campaign([f"+1202555{n:04d}" for n in range(1204)], "“Hi” " + "a" * 150)

    assert messages(warnings(campaign), "message") == [
        "“ and ” force Unicode: this message needs 3 SMS instead of 1 "
        "(3,612 messages instead of 1,204 in all). Use Replace to swap them for plain characters."
    ]


def test_an_emoji_that_costs_a_part_is_named_with_advice_to_remove_it() -> None:
    campaign = Campaign([US], "Sale 😀 " + "a" * 100)

    assert messages(warnings(campaign), "message") == [
        "😀 forces Unicode: this message needs 2 SMS instead of 1. Remove it if you can."
    ]


def test_punctuation_and_emoji_together_get_both_pieces_of_advice() -> None:
    campaign = Campaign([US], "“Sale” 😀 " + "a" * 100)

    (warning,) = messages(warnings(campaign), "message")

    assert warning.startswith("“, ” and 😀 force Unicode: this message needs 2 SMS instead of 1.")
    assert warning.endswith("Use Replace for the punctuation, and remove the other characters if you can.")


def test_unicode_that_costs_nothing_is_still_mentioned_calmly() -> None:
    assert messages(warnings(Campaign([US], "Hi 😀")), "message") == [
        "😀 forces Unicode: this message still fits in 1 SMS."
    ]


def test_invisible_characters_are_described_not_printed() -> None:
    (warning,) = messages(warnings(Campaign([US], "Hello\u200bthere\t" + "a" * 100)), "message")

    assert warning.startswith("A zero-width space and a tab force Unicode")


def test_a_whole_text_in_another_alphabet_names_a_few_characters_only() -> None:
    (warning,) = messages(warnings(Campaign([US], "Привет, как дела?")), "message")

    assert warning.startswith(
        "П, р, и, в, е and 5 other characters force Unicode: this message still fits in 1 SMS."
    )


# -- pictures


def test_mms_with_pictures_is_ready(tmp_path: Path) -> None:
    pictures = [png(tmp_path / f"{n}.png") for n in range(5)]

    assert Campaign([US], "Look!", images=pictures).problems() == []


def test_mms_without_a_picture_blocks() -> None:
    assert blocking(Campaign([US], "Hi", protocol="MMS")) == [
        Problem("images", "An MMS needs at least one picture. Add a picture, or send an SMS.", True)
    ]


def test_more_than_five_pictures_blocks(tmp_path: Path) -> None:
    pictures = [png(tmp_path / f"{n}.png") for n in range(7)]

    assert blocking(Campaign([US], "Hi", images=pictures)) == [
        Problem("images", "An MMS can carry at most 5 pictures and 7 are attached. Remove 2 of them.", True)
    ]


def test_pictures_with_sms_chosen_block(tmp_path: Path) -> None:
    pictures = [png(tmp_path / "a.png"), png(tmp_path / "b.png")]

    assert blocking(Campaign([US], "Hi", protocol="SMS", images=pictures)) == [
        Problem(
            "protocol",
            "Pictures can only be sent by MMS. Switch to MMS, or remove the 2 pictures to send an SMS.",
            True,
        )
    ]


def test_unknown_protocol_blocks() -> None:
    assert messages(blocking(Campaign([US], "Hi", protocol="FAX")), "protocol") == [  # type: ignore[arg-type]
        "“FAX” is not a way to send: choose SMS or MMS."
    ]


def test_missing_and_non_picture_files_block_with_their_reason(tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7\n")
    campaign = Campaign([US], "Hi", images=[png(tmp_path / "ok.png"), report, tmp_path / "gone.jpg"])

    found = messages(blocking(campaign), "images")

    assert found[0] == "“report.pdf” is a PDF document, not an image. Attach JPEG, PNG or GIF pictures."
    assert found[1].startswith("“gone.jpg” could not be found.")
    assert len(found) == 2


def test_the_same_picture_twice_is_a_warning(tmp_path: Path) -> None:
    picture = png(tmp_path / "logo.png")
    (tmp_path / "sub").mkdir()

    campaign = Campaign([US], "Hi", images=[picture, tmp_path / "sub" / ".." / "logo.png"])

    assert blocking(campaign) == []
    assert messages(warnings(campaign), "images") == [
        "“logo.png” is attached twice, so each recipient would get it twice. Remove the extra copy."
    ]


def test_a_40_mb_photo_is_a_warning_not_a_refusal(tmp_path: Path) -> None:
    photo = png(tmp_path / "beach.png")
    with photo.open("r+b") as handle:
        handle.truncate(40_000_000)  # sparse: fast, but stat() reports 40 MB

    campaign = Campaign([US], "Hi", images=[photo])

    assert blocking(campaign) == []
    (warning,) = messages(warnings(campaign), "images")
    assert warning.startswith("“beach.png” is large (40 MB). Carriers often refuse picture messages")
    assert "may not arrive" in warning


# -- fingerprint


def test_fingerprint_ignores_recipient_order_duplicates_and_picture_order(tmp_path: Path) -> None:
    a, b = png(tmp_path / "a.png", (2, 2)), png(tmp_path / "b.png", (3, 3))

    first = Campaign([US, UK], "Hi", Route.private("svm-1"), images=[a, b])
    again = Campaign([UK, US, UK], "Hi", Route.private(" svm-1 "), images=[b, a])

    assert first.fingerprint() == again.fingerprint()
    assert len(first.fingerprint()) == 64
    int(first.fingerprint(), 16)


@pytest.mark.parametrize(
    "other",
    [
        Campaign([US, FR], "Hi"),
        Campaign([US], "Hi!"),
        Campaign([US], "Hi", Route.private("svm-1")),
        Campaign([US], "Hi", Route.sid("MyShop")),
        Campaign([US], "Hi", protocol="MMS"),
    ],
)
def test_fingerprint_changes_with_what_is_sent(other: Campaign) -> None:
    assert Campaign([US], "Hi").fingerprint() != other.fingerprint()


def test_fingerprint_follows_picture_contents_not_names(tmp_path: Path) -> None:
    picture = png(tmp_path / "a.png", (2, 2))
    before = Campaign([US], "Hi", images=[picture]).fingerprint()

    copy = tmp_path / "copy.png"
    copy.write_bytes(picture.read_bytes())
    assert Campaign([US], "Hi", images=[copy]).fingerprint() == before

    png(picture, (5, 5))
    assert Campaign([US], "Hi", images=[picture]).fingerprint() != before


def test_fingerprint_of_unreadable_pictures_does_not_raise_and_tells_paths_apart(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    gone = Campaign([US], "Hi", images=[tmp_path / "gone.png"]).fingerprint()
    other = Campaign([US], "Hi", images=[tmp_path / "other.png"]).fingerprint()
    directory = Campaign([US], "Hi", images=[folder]).fingerprint()

    assert len({gone, other, directory}) == 3


# -- properties

numbers = st.lists(st.from_regex(r"\+[1-9][0-9]{6,14}", fullmatch=True), max_size=5)


@settings(max_examples=300, deadline=None)
@given(
    leads=numbers,
    message=st.text(max_size=400),
    server_id=st.text(max_size=20),
    sender_id=st.text(max_size=20),
    kind=st.sampled_from(list(RouteKind)),
    protocol=st.sampled_from([None, "SMS", "MMS"]),
)
def test_problems_never_raise_and_always_read_as_sentences(
    leads: list[str], message: str, server_id: str, sender_id: str, kind: RouteKind, protocol: str | None
) -> None:
    campaign = Campaign(
        leads,
        message,
        Route(kind, server_id=server_id, sender_id=sender_id),
        protocol=protocol,  # type: ignore[arg-type]
        images=[Path(sender_id or "x") / "missing.png"] if protocol == "MMS" else [],
    )

    problems = campaign.problems()
    campaign.fingerprint()

    for problem in problems:
        assert problem.field in FIELDS
        assert problem.message.endswith(".")
        assert not problem.message[:2].startswith(("a ", "an "))
    if not leads:
        assert any(problem.blocking and problem.field == "leads" for problem in problems)


def test_fingerprint_reads_the_pictures_once_per_campaign(tmp_path: Path) -> None:
    # The duplicate check and the history row of one send both ask; the pictures are hashed once.
    picture = tmp_path / "sale.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    campaign = Campaign(["+12025550143"], "Hi", images=[picture])
    first = campaign.fingerprint()
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\1" * 64)
    assert campaign.fingerprint() == first
    assert Campaign(["+12025550143"], "Hi", images=[picture]).fingerprint() != first
