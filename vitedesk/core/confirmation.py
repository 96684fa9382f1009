"""What the confirmation says before a campaign goes out, as plain text (no Qt): rows and warnings.

The dialog (ui/send/confirm.py) only lays these out. Everything here is worked out from the Campaign plus a
SendContext: the account it goes from, how the lead text was read, the clock, the quiet hours, the prices
and the licence limits the server told this account before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import phonenumbers

from vitedesk.core.campaign import Campaign
from vitedesk.core.cost import NumberFormat, Prices, estimate
from vitedesk.core.leads import parse_leads
from vitedesk.core.leads.rules import region_name
from vitedesk.core.licence_limits import LicenceLimit, limit_warnings
from vitedesk.core.media import format_size
from vitedesk.core.opt_out import opted_out_text
from vitedesk.core.quiet_hours import QuietReport, QuietWindow, check_quiet_hours
from vitedesk.core.wording import plural

FIRST_NUMBERS = 5


@dataclass(frozen=True)
class SendContext:
    """What the confirmation needs beyond the campaign; every part is optional (then it is not said)."""

    account: str = ""  # the username it is sent from ("" while nobody is signed in)
    default_region: str = ""  # the lead editor's default country, e.g. "US"
    read_with_default: int = 0  # recipients written without a country code (read with default_region)
    opted_out: int = 0  # numbers of the list left out because they are on the opt-out list
    quiet: QuietReport | None = None  # recipients outside the quiet-hours window now
    prices: Prices = field(default_factory=Prices)
    limits: frozenset[LicenceLimit] = frozenset()  # what the server refused this account before
    number: NumberFormat | None = None  # formats money for the person's locale (plain digits without)
    # Warnings the window's panels show beyond the campaign's own problems ("compressed a lot", …).
    shown: tuple[str, ...] = ()


def protocol_text(campaign: Campaign) -> str:
    """'SMS' or 'MMS — 3 images', as the main window and the confirmation show it."""
    if campaign.effective_protocol == "MMS":
        return f"MMS — {plural(len(campaign.images), 'image')}"
    return "SMS"


def images_text(campaign: Campaign) -> str:
    """The pictures by name, with the size each is sent at when they were prepared: "logo.png (40 KB), …"."""
    uploads = campaign.uploads()
    if uploads is None or len(uploads) != len(campaign.images):
        return ", ".join(path.name for path in campaign.images)
    listed = ", ".join(f"{copy.source.name} ({format_size(copy.size)})" for copy in uploads)
    return f"{listed}; {format_size(sum(copy.size for copy in uploads))} in all"


def first_numbers_text(leads: Sequence[str], shown: int = FIRST_NUMBERS) -> str:
    head = ", ".join(leads[:shown])
    rest = len(leads) - shown
    return f"{head} and {plural(rest, 'more number')}" if rest > 0 else head


def included_unverified(campaign: Campaign) -> int:
    """How many recipients could not be verified (possible, not valid) and are sent to all the same.

    The hook for the lead report's own count: Campaign.unverified lists the unverified numbers the person
    included; a number listed there but not among the recipients is not counted.
    """
    return len(set(campaign.unverified).intersection(campaign.leads))


def recipients_text(campaign: Campaign) -> str:
    """ "1,204 recipients" or "1,204 recipients (3 numbers could not be verified)"."""
    text = plural(len(campaign.leads), "recipient")
    unverified = included_unverified(campaign)
    if unverified:
        verb = "number could" if unverified == 1 else "numbers could"
        text += f" ({unverified:,} {verb} not be verified)"
    return text


def country_name(region: str) -> str:
    """ "United States (+1)"; the code itself for an unknown region."""
    code = phonenumbers.country_code_for_region(region)
    return f"{region_name(region)} (+{code})" if code else region


def default_country_text(count: int, region: str) -> str:
    """ "24 numbers had no country code and were read as United States (+1)"; "" for none."""
    if count <= 0 or not region:
        return ""
    if count == 1:
        return f"1 number had no country code and was read as {country_name(region)}"
    return f"{count:,} numbers had no country code and were read as {country_name(region)}"


def read_with_default_country(text: str, region: str, recipients: Sequence[str]) -> int:
    """How many of `recipients` (read from `text` with `region`) were written without a country code.

    Contract: a number counts when no piece of `text` gives it with its own country code. Worked out by
    reading the text again with a country of another calling code: numbers written in international form
    come out the same, the others cannot.
    """
    if not recipients or not region:
        return 0
    code = phonenumbers.country_code_for_region(region)
    other = "GB" if code != 44 else "US"
    international = set(parse_leads(text, other).numbers)
    # A number of another calling code was written with it (or with this country's own international
    # prefix, "011 44 ..." from the United States, which the other country reads differently).
    own = f"+{code}"
    return sum(1 for number in recipients if number.startswith(own) and number not in international)


def quiet_report(campaign: Campaign, now: datetime, window: QuietWindow) -> QuietReport:
    """check_quiet_hours over the campaign's recipients."""
    return check_quiet_hours(campaign.leads, now, window)


def cost_text(campaign: Campaign, prices: Prices, number: NumberFormat | None = None) -> str:
    """ "≈ 2,408 texts × 0.0079 USD = 19.02 USD" when the price is set and there are recipients; else ""."""
    if not campaign.leads:
        return ""
    found = estimate(prices, campaign.total_messages, campaign.effective_protocol)
    return found.sentence(number) if found is not None else ""


def cost_total(campaign: Campaign, prices: Prices) -> str:
    """The estimate's total for the history, "19.02 USD"; "" when the price is not set."""
    found = estimate(prices, campaign.total_messages, campaign.effective_protocol) if campaign.leads else None
    return f"{found.total} {found.currency}" if found is not None else ""


def warnings(campaign: Campaign, context: SendContext) -> list[str]:
    """Every warning the main window shows for this campaign, then the licence limits known for the account.

    Contract: the campaign's non-blocking problems in screen order (unverified numbers, Unicode, long
    messages, sender ID to +1 numbers, large pictures), the panels' own warnings (context.shown), then the
    remembered limits it runs into; each sentence once.
    """
    found = [problem.message for problem in campaign.problems() if not problem.blocking]
    found += [text for text in context.shown if text]
    return list(dict.fromkeys(found + limit_warnings(context.limits, campaign)))


@dataclass(frozen=True)
class Row:
    key: str  # the dialog names the value label confirm_<key>
    label: str
    text: str


def summary_rows(campaign: Campaign, context: SendContext) -> list[Row]:
    """The confirmation's rows, top to bottom; rows with nothing to say are left out."""
    info = campaign.segment_info
    rows = [
        Row("account", "Sent from:", context.account or "the account you log in with"),
        Row("route", "Route:", campaign.route.describe()),
        Row("recipients", "Recipients:", recipients_text(campaign)),
        Row("opted_out", "Opted out:", opted_out_text(context.opted_out)),
        Row("country", "Country:", default_country_text(context.read_with_default, context.default_region)),
        Row("first", "First numbers:", first_numbers_text(campaign.leads)),
        Row("protocol", "Sent as:", protocol_text(campaign)),
    ]
    if campaign.effective_protocol == "SMS":
        parts = f"{plural(info.segments, 'SMS', 'SMS')} ({info.encoding})"
        rows.append(Row("parts", "Parts per message:", parts))
    rows.append(Row("total", "Total messages:", f"{campaign.total_messages:,}"))
    if campaign.images:
        rows.append(Row("images", "Images:", images_text(campaign)))
    rows.append(Row("cost", "Estimated cost:", cost_text(campaign, context.prices, context.number)))
    quiet = context.quiet.sentence() if context.quiet is not None else ""
    rows.append(Row("quiet", "Quiet hours:", quiet))
    return [row for row in rows if row.text]
