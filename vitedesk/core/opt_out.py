"""The opt-out (do-not-contact) list as the campaign uses it: what to say and when to refuse. No Qt here.

The list itself is a frozenset of E.164 numbers (kept by store/opt_out.py, edited in the opt-out dialog).
The lead review leaves these numbers out of every campaign; right before a request goes out the send flow
asks `refusal` once more, so a number opted out after the confirmation (or a list that could not be read)
stops the send instead of texting someone who asked not to be.
"""

from __future__ import annotations

from collections.abc import Sequence

from vitedesk.core.wording import plural

UNREADABLE = (
    "ViteDesk could not read your opt-out list, so nothing was sent: it cannot check that nobody on it "
    "gets this campaign. Open Campaign → Opt-out list… to see what is wrong."
)


def opted_out_in(recipients: Sequence[str], opted_out: frozenset[str]) -> list[str]:
    """The recipients that are on the opt-out list, in recipient order."""
    return [number for number in recipients if number in opted_out] if opted_out else []


def refusal(recipients: Sequence[str], opted_out: frozenset[str] | None, *, test: bool = False) -> str:
    """Why this send must not go out because of the opt-out list; "" when it may.

    Contract: `opted_out` None means the list could not be read (then every send is refused); a recipient
    on the list refuses the whole send (the campaign is no longer what was confirmed).
    """
    if opted_out is None:
        return UNREADABLE
    found = opted_out_in(recipients, opted_out)
    if not found:
        return ""
    if test:
        return (
            f"Not sent: your own number {found[0]} is on your opt-out list. Take it off the list "
            "(Campaign → Opt-out list…) or change your number in Settings."
        )
    who = "1 recipient is" if len(found) == 1 else f"{len(found):,} recipients are"
    return (
        f"Not sent: {who} on your opt-out list ({found[0]}{' …' if len(found) > 1 else ''}). "
        "Check the recipients and send again: they are left out now."
    )


def opted_out_text(count: int) -> str:
    """The confirmation's row: "3 numbers on your opt-out list are left out"; "" for none."""
    if count <= 0:
        return ""
    if count == 1:
        return "1 number on your opt-out list is left out"
    return f"{plural(count, 'number')} on your opt-out list are left out"
