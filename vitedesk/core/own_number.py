"""The person's own number, for "Send a test to me": one number, read like any lead, that surely exists."""

from __future__ import annotations

from dataclasses import dataclass

from vitedesk.core.leads import parse_leads


@dataclass(frozen=True)
class OwnNumber:
    """Either the number in E.164 or the sentence that says why what was typed cannot be used."""

    e164: str | None
    problem: str | None


def read_own_number(text: str, default_region: str) -> OwnNumber:
    """Read one phone number as the lead list would (the same country rules); refuse anything else.

    Contract: e164 is set exactly when `text` holds one number that phonenumbers calls valid; otherwise
    problem is a sentence a person can act on.
    """
    if not text.strip():
        return OwnNumber(None, "Type your mobile number, for example +1 202 555 0143.")
    report = parse_leads(text, default_region)
    found = len(report.numbers) + len(report.duplicates)
    if report.invalid:
        reason = report.invalid[0].reason
        return OwnNumber(None, f"This number cannot be used: {reason[:1].lower()}{reason[1:]}")
    unverified = {lead.e164 for lead in report.unverified}
    valid = [number for number in report.numbers if number not in unverified]
    if found > 1 or len(set(report.numbers)) > 1:
        return OwnNumber(None, "Type just one number: yours.")
    if not valid:
        if unverified:
            return OwnNumber(
                None, "This number may not exist: check it, and add your country code if needed."
            )
        return OwnNumber(None, "No phone number was found: type your mobile number, like +1 202 555 0143.")
    return OwnNumber(valid[0], None)
