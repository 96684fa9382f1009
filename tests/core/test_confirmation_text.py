"""The confirmation's words, without Qt: numbers read with the default country, unverified numbers,
licence limits learnt from refusals, the practice clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vitedesk.core.campaign import Campaign, Route
from vitedesk.core.clock import PracticeClock, parse_clock
from vitedesk.core.confirmation import (
    SendContext,
    default_country_text,
    read_with_default_country,
    recipients_text,
    summary_rows,
    warnings,
)
from vitedesk.core.cost import Prices
from vitedesk.core.leads import parse_leads
from vitedesk.core.licence_limits import (
    LicenceLimit,
    limit_from_refusal,
    limit_warnings,
    limits_disproved,
)


def test_numbers_without_a_country_code_are_counted_once_each() -> None:
    text = "202 555 0143\n+1 212 555 0199\n011 44 20 7946 0958\n(213) 555-0100\n202-555-0143\n+12025550143"
    numbers = parse_leads(text, "US").numbers
    assert len(numbers) == 4
    # 202 555 0143 was also written with +1, so it is not counted as read with the default country.
    assert read_with_default_country(text, "US", numbers) == 1
    gb = "020 7946 0958\n07700 900123\n+1 212 555 0199"
    assert read_with_default_country(gb, "GB", parse_leads(gb, "GB").numbers) == 2
    assert default_country_text(24, "US") == (
        "24 numbers had no country code and were read as United States (+1)"
    )
    assert default_country_text(1, "GB") == (
        "1 number had no country code and was read as United Kingdom (+44)"
    )
    assert default_country_text(0, "US") == ""


def test_unverified_numbers_are_counted_only_when_they_are_recipients() -> None:
    campaign = Campaign(["+12025550143", "+15555550100"], "Hi", unverified=["+15555550100", "+15555550101"])
    assert recipients_text(campaign) == "2 recipients (1 number could not be verified)"
    assert recipients_text(Campaign(["+12025550143"], "Hi", unverified=["+15555550100"])) == "1 recipient"


def test_rows_leave_out_what_is_not_known_and_warnings_add_the_licence_limits() -> None:
    campaign = Campaign(["+12025550143", "+12125550199"], "Hi", route=Route.sid("MyShop"))
    rows = {row.key: row.text for row in summary_rows(campaign, SendContext(account="ana@shop.com"))}
    assert rows["account"] == "ana@shop.com" and "cost" not in rows and "quiet" not in rows
    priced = SendContext(prices=Prices("USD", sms_part=None, mms=None))
    assert "cost" not in {row.key for row in summary_rows(campaign, priced)}
    limited = SendContext(limits=frozenset({LicenceLimit.NO_SENDER_ID, LicenceLimit.NO_MMS}))
    found = warnings(campaign, limited)
    assert any("US or Canadian (+1)" in w for w in found)
    assert found[-1].startswith("ViteMobile refused sender IDs for this account before")
    assert not any("picture messages" in w for w in found)  # an SMS does not run into "no MMS"


@pytest.mark.parametrize(
    ("status", "detail", "campaign", "limit"),
    [
        (428, "", Campaign(["+12025550143", "+12125550199"], "Hi"), LicenceLimit.NOT_VERIFIED),
        (403, "MMS is not available on the Basic licence.", Campaign(["+1"], "Hi"), LicenceLimit.NO_MMS),
        (403, "Sender IDs are not available", Campaign(["+1"], "Hi"), LicenceLimit.NO_SENDER_ID),
        (403, "", Campaign(["+1"], "Hi", route=Route.sid("Shop")), LicenceLimit.NO_SENDER_ID),
        (403, "", Campaign(["+1"], "Hi", protocol="MMS"), LicenceLimit.NO_MMS),
        (403, "", Campaign(["+1"], "Hi", protocol="MMS", route=Route.sid("Shop")), None),
        (429, "", Campaign(["+1"], "Hi"), None),
    ],
)
def test_refusals_name_the_limit_they_reveal(
    status: int, detail: str, campaign: Campaign, limit: LicenceLimit | None
) -> None:
    assert limit_from_refusal(status, detail, campaign) is limit


def test_a_success_disproves_only_what_it_used() -> None:
    sms = Campaign(["+12025550143"], "Hi")
    assert limits_disproved(sms) == set()
    bulk_sid = Campaign(["+12025550143", "+12125550199"], "Hi", route=Route.sid("Shop"))
    assert limits_disproved(bulk_sid) == {LicenceLimit.NO_SENDER_ID, LicenceLimit.NOT_VERIFIED}
    assert limit_warnings({LicenceLimit.NOT_VERIFIED}, sms) == []


def test_the_practice_clock_starts_where_it_was_told() -> None:
    start = parse_clock("2026-03-08T06:30-05:00")
    assert start.utcoffset() == timedelta(hours=-5)
    assert parse_clock("2026-03-08 11:30Z") == datetime(2026, 3, 8, 11, 30, tzinfo=UTC)
    assert parse_clock("2026-03-08T06:30").tzinfo is not None  # local time without an offset
    clock = PracticeClock(start)
    assert timedelta(0) <= clock.now() - start < timedelta(seconds=5)
    assert PracticeClock(start, frozen=True).now() == start
    with pytest.raises(ValueError, match="is not a date and time"):
        parse_clock("tomorrow morning")
