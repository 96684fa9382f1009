"""What an account's licence does not allow, as the server has said it (403 and 428 answers).

ViteMobile only tells a licence's limits by refusing a send. ViteDesk remembers each refusal for that account
so that the next campaign that would be refused again is warned about before its confirmation, not after.
A send that succeeds where a limit was remembered proves it gone (an upgraded plan), so it is forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from vitedesk.core.campaign import Campaign, RouteKind


class LicenceLimit(StrEnum):
    """One thing the server refused this account."""

    NO_MMS = "no_mms"  # 403 on a picture message
    NO_SENDER_ID = "no_sender_id"  # 403 on a sender ID route
    NOT_VERIFIED = "not_verified"  # 428: one recipient at a time until the account is verified


_SENTENCES = {
    LicenceLimit.NO_MMS: (
        "ViteMobile refused picture messages (MMS) for this account before: its licence does not include "
        "them. Remove the pictures to send a text message, or upgrade to Business or Enterprise."
    ),
    LicenceLimit.NO_SENDER_ID: (
        "ViteMobile refused sender IDs for this account before: they need an Enterprise licence. "
        "Choose the public relay or a private server instead."
    ),
    LicenceLimit.NOT_VERIFIED: (
        "ViteMobile said this account is not verified yet, so it can send to one number at a time only. "
        "Verify it on the ViteMobile website, or send to a single number."
    ),
}


def limit_from_refusal(status: int | None, detail: str, campaign: Campaign) -> LicenceLimit | None:
    """The limit a 403 or 428 answer to `campaign` reveals; None for any other answer or when unclear.

    Contract: a 403 names MMS or sender IDs in its detail when the server says so; otherwise the campaign
    decides (a picture message on a sender ID route refused without words tells neither, so None).
    """
    if status == 428:
        return LicenceLimit.NOT_VERIFIED
    if status != 403:
        return None
    words = detail.lower()
    if "mms" in words or "picture" in words:
        return LicenceLimit.NO_MMS
    if "sender id" in words or "sender-id" in words:
        return LicenceLimit.NO_SENDER_ID
    mms = campaign.effective_protocol == "MMS"
    sid = campaign.route.kind is RouteKind.SID
    if mms and not sid:
        return LicenceLimit.NO_MMS
    if sid and not mms:
        return LicenceLimit.NO_SENDER_ID
    return None


def limits_disproved(campaign: Campaign) -> set[LicenceLimit]:
    """The limits a successful send of `campaign` proves gone."""
    gone = set()
    if campaign.effective_protocol == "MMS":
        gone.add(LicenceLimit.NO_MMS)
    if campaign.route.kind is RouteKind.SID:
        gone.add(LicenceLimit.NO_SENDER_ID)
    if len(campaign.leads) > 1:
        gone.add(LicenceLimit.NOT_VERIFIED)
    return gone


def limit_warnings(limits: Iterable[LicenceLimit], campaign: Campaign) -> list[str]:
    """Sentences for the remembered limits this campaign runs into (in a fixed order); [] when none."""
    known = set(limits)
    hits = []
    if LicenceLimit.NO_MMS in known and campaign.effective_protocol == "MMS":
        hits.append(LicenceLimit.NO_MMS)
    if LicenceLimit.NO_SENDER_ID in known and campaign.route.kind is RouteKind.SID:
        hits.append(LicenceLimit.NO_SENDER_ID)
    if LicenceLimit.NOT_VERIFIED in known and len(campaign.leads) > 1:
        hits.append(LicenceLimit.NOT_VERIFIED)
    return [_SENTENCES[limit] for limit in hits]
