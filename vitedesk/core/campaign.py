"""What will be sent, and whether it can be: Route, Campaign and the problems a person can read and fix.

Decisions the API reference leaves open:
- Route values are trimmed: leading/trailing spaces in a server ID or sender ID are removed when the Route is
  built, so requests carry exactly what the checks approved. A Route keeps only the ID its kind uses.
- An MMS still needs a text (the API marks ``message`` Required): an empty message blocks SMS and MMS alike.
- An MMS is one message per recipient whatever its length, so the SMS-part warnings and the 1,600-character
  limit apply to SMS only, and ``total_messages`` counts one per recipient for MMS.
- The same picture attached twice is a warning, not a refusal: it is sent twice and counts towards the limit.
- Picture problems (missing, unreadable, not a picture) block sending; oversized pictures only warn.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from vitedesk.core.media import (
    MAX_IMAGES,
    ImageCheck,
    ImageRejected,
    check_image,
    quoted_name,
    same_file,
    size_warning,
)
from vitedesk.core.segments import SegmentInfo, shared_analysis
from vitedesk.core.wording import name_characters, unicode_warning

if TYPE_CHECKING:  # Pillow is loaded only once pictures are prepared, not for every campaign
    from vitedesk.core.pictures import PreparedPicture

SendProtocol = Literal["SMS", "MMS"]

SMS_MAX_CHARACTERS = 1_600
"""Longest SMS text accepted (counted in characters as a person counts them: code points)."""

SMS_PARTS_WARNING = 4
"""More parts than this per recipient earns a warning (each part is paid for)."""

SENDER_ID_MAX = 11
_SENDER_ID_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_SENDER_ID_ALLOWED = _SENDER_ID_LETTERS | frozenset("0123456789 ")
_HASH_CHUNK = 1 << 20


class RouteKind(StrEnum):
    """How the message leaves ViteMobile: shared relay, the customer's own server (SVM), or a sender ID."""

    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"
    SID = "SID"


@dataclass(frozen=True)
class Route:
    """The sending route; IDs are trimmed and only the one the kind uses is kept (see module docstring)."""

    kind: RouteKind
    server_id: str = ""
    sender_id: str = ""

    def __post_init__(self) -> None:
        kind = RouteKind(self.kind)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "server_id", self.server_id.strip() if kind is RouteKind.PRIVATE else "")
        object.__setattr__(self, "sender_id", self.sender_id.strip() if kind is RouteKind.SID else "")

    @classmethod
    def public(cls) -> Route:
        """The shared public relay."""
        return cls(RouteKind.PUBLIC)

    @classmethod
    def private(cls, server_id: str) -> Route:
        """The customer's private server (SVM) ``server_id``."""
        return cls(RouteKind.PRIVATE, server_id=server_id)

    @classmethod
    def sid(cls, sender_id: str) -> Route:
        """The public relay sending from the alphanumeric ``sender_id`` (Enterprise licences)."""
        return cls(RouteKind.SID, sender_id=sender_id)

    @property
    def server_type(self) -> Literal["PUBLIC", "PRIVATE"]:
        """The API's server_type: PRIVATE for a private server, else PUBLIC (as the sender ID route)."""
        return "PRIVATE" if self.kind is RouteKind.PRIVATE else "PUBLIC"

    def describe(self) -> str:
        """Short label for people: "Public relay", "Private server svm-1", "Sender ID “MyShop”"."""
        if self.kind is RouteKind.PRIVATE:
            return (
                f"Private server {self.server_id}" if self.server_id else "Private server (no server ID yet)"
            )
        if self.kind is RouteKind.SID:
            return f"Sender ID “{self.sender_id}”" if self.sender_id else "Sender ID (not set yet)"
        return "Public relay"


@dataclass(frozen=True)
class Problem:
    """Something to tell the person; ``blocking`` problems stop the send, the others are warnings.

    ``field`` is one of "leads", "message", "route", "server_id", "sid", "images", "protocol".
    """

    field: str
    message: str
    blocking: bool


@dataclass(frozen=True)
class Campaign:
    """One send: recipients (E.164), text, route, protocol and pictures. Sequences are stored as tuples."""

    leads: Sequence[str]
    message: str
    route: Route = field(default_factory=Route.public)
    protocol: SendProtocol | None = None
    images: Sequence[Path] = ()
    unverified: Sequence[str] = ()
    # Copies uploaded for `images`, same order (None: still being prepared); empty: the files go as they are.
    prepared: Sequence[PreparedPicture | None] = ()

    def __post_init__(self) -> None:
        if isinstance(self.leads, str) or isinstance(self.unverified, str):
            raise TypeError("leads and unverified are sequences of numbers, not one string")
        object.__setattr__(self, "leads", tuple(self.leads))
        object.__setattr__(self, "images", tuple(Path(image) for image in self.images))
        object.__setattr__(self, "unverified", tuple(self.unverified))
        object.__setattr__(self, "prepared", tuple(self.prepared))

    def uploads(self) -> tuple[PreparedPicture, ...] | None:
        """The prepared copies to upload, in send order; None when the pictures go as they are."""
        if not self.prepared:
            return None
        return tuple(picture for picture in self.prepared if picture is not None)

    @property
    def effective_protocol(self) -> SendProtocol:
        """The protocol chosen, or when none was: MMS if pictures are attached, else SMS."""
        if self.protocol == "SMS" or self.protocol == "MMS":
            return self.protocol
        return "MMS" if self.images else "SMS"

    @cached_property
    def segment_info(self) -> SegmentInfo:
        """analyze(message): encoding and SMS parts of the text (shared with the composer's view of it)."""
        return shared_analysis(self.message)

    @property
    def parts_per_recipient(self) -> int:
        """Messages each recipient costs: the SMS parts, or 1 for an MMS."""
        return self.segment_info.segments if self.effective_protocol == "SMS" else 1

    @property
    def total_messages(self) -> int:
        """Recipients x parts per recipient: what the send will cost in messages."""
        return len(self.leads) * self.parts_per_recipient

    def problems(self) -> list[Problem]:
        """Everything that blocks the send or deserves a warning, in screen order; no blocking one = ready.

        Contract: never raises, whatever the text, IDs or picture paths; reads at most the first bytes of
        each picture (no hashing), so it is cheap enough to run after every edit.
        """
        found: list[Problem] = []
        found += self._lead_problems()
        found += self._message_problems()
        found += self._route_problems()
        found += self._image_problems()
        return found

    def fingerprint(self) -> str:
        """SHA-256 hex identifying this campaign for the "already sent this" warning.

        Contract: covers the recipients as a set, the message, route kind and IDs, the effective protocol
        and the pictures' contents (order ignored); an unreadable picture counts as its path. Never raises.
        Worked out once per Campaign: the duplicate check and the history row of one send share it.
        """
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        payload = {
            "version": 1,
            "leads": sorted(set(self.leads)),
            "message": self.message,
            "route": [str(self.route.kind), self.route.server_id, self.route.sender_id],
            "protocol": self.effective_protocol,
            "images": sorted(_content_digest(image) for image in self.images),
        }
        encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogatepass"
        )
        return hashlib.sha256(encoded).hexdigest()

    # -- the checks, one group per screen area ---------------------------------------------------------------

    def _lead_problems(self) -> list[Problem]:
        if not self.leads:
            return [
                _block(
                    "leads", "Add at least one recipient: paste or type phone numbers in the recipients box."
                )
            ]
        flagged = set(self.unverified).intersection(self.leads)
        if not flagged:
            return []
        count = len(flagged)
        subject = "1 number is" if count == 1 else f"{count:,} numbers are"
        them = "it" if count == 1 else "them"
        return [
            _warn(
                "leads",
                f"{subject} not in any known number range, so the message may not be delivered to "
                f"{them}. Check {them} in the recipients list.",
            )
        ]

    def _message_problems(self) -> list[Problem]:
        if not self.message.strip():
            return [_block("message", "Write a message: it is empty.")]
        if self.effective_protocol != "SMS":
            return []
        length = len(self.message)
        if length > SMS_MAX_CHARACTERS:
            return [
                _block(
                    "message",
                    f"The message is {length:,} characters long; a text message can have at most "
                    f"{SMS_MAX_CHARACTERS:,}. Shorten it by {length - SMS_MAX_CHARACTERS:,} characters.",
                )
            ]
        found: list[Problem] = []
        info = self.segment_info
        if info.non_gsm:
            found.append(_warn("message", unicode_warning(self.message, len(self.leads), info)))
        if info.segments > SMS_PARTS_WARNING:
            recipients = len(self.leads)
            cost = (
                f" ({info.segments} × {recipients:,} = {self.total_messages:,} messages)"
                if recipients
                else ""
            )
            found.append(
                _warn(
                    "message",
                    f"This message is {info.segments} SMS long: each recipient's phone joins the parts, "
                    f"but every part is paid for{cost}. Shorten the message if you can.",
                )
            )
        return found

    def _route_problems(self) -> list[Problem]:
        route = self.route
        if route.kind is RouteKind.PRIVATE and not route.server_id:
            return [
                _block(
                    "server_id",
                    "Enter the ID of your private server (SVM), as shown in your ViteMobile account, "
                    "or choose the public relay.",
                )
            ]
        if route.kind is not RouteKind.SID:
            return []
        found = _sender_id_problems(route.sender_id)
        north_american = sum(1 for number in self.leads if number.startswith("+1"))
        if north_american:
            who = "1 recipient has" if north_american == 1 else f"{north_american:,} recipients have"
            found.append(
                _warn(
                    "route",
                    f"{who} a US or Canadian (+1) number, and phones there do not accept sender IDs, so "
                    f"{'it' if north_american == 1 else 'they'} will probably not receive this message. "
                    "Send to them through the public relay or a private server instead.",
                )
            )
        return found

    def _image_problems(self) -> list[Problem]:
        found: list[Problem] = []
        count = len(self.images)
        if self.protocol is not None and self.protocol not in ("SMS", "MMS"):
            found.append(_block("protocol", f"“{self.protocol}” is not a way to send: choose SMS or MMS."))
        if self.protocol == "SMS" and count:
            pictures = "the picture" if count == 1 else f"the {count} pictures"
            found.append(
                _block(
                    "protocol",
                    f"Pictures can only be sent by MMS. Switch to MMS, or remove {pictures} to send an SMS.",
                )
            )
        if self.effective_protocol == "MMS" and count == 0:
            found.append(
                _block("images", "An MMS needs at least one picture. Add a picture, or send an SMS.")
            )
        if count > MAX_IMAGES:
            extra = count - MAX_IMAGES
            found.append(
                _block(
                    "images",
                    f"An MMS can carry at most {MAX_IMAGES} pictures and {count} are attached. "
                    f"Remove {extra} of them.",
                )
            )
        checks: list[ImageCheck] = []
        for index, image in enumerate(self.images):
            if any(same_file(image, earlier) for earlier in self.images[:index]):
                found.append(
                    _warn(
                        "images",
                        f"{quoted_name(image)} is attached twice, so each recipient would get it twice. "
                        "Remove the extra copy.",
                    )
                )
                continue
            try:
                checks.append(check_image(image))
            except ImageRejected as rejected:
                found.append(_block("images", rejected.user_message))
        if self.prepared:
            return found + self._prepared_problems()
        warning = size_warning(checks)
        if warning:
            found.append(_warn("images", warning))
        return found

    def _prepared_problems(self) -> list[Problem]:
        found: list[Problem] = []
        for image, picture in zip(self.images, self.prepared, strict=False):
            if picture is None:
                found.append(
                    _block(
                        "images", f"{quoted_name(image)} is still being prepared for sending. Wait a moment."
                    )
                )
            elif (problem := picture.problem()) is not None:
                found.append(_block("images", problem))
        return found


def _block(field: str, message: str) -> Problem:
    return Problem(field, message, blocking=True)


def _warn(field: str, message: str) -> Problem:
    return Problem(field, message, blocking=False)


def _sender_id_problems(sender_id: str) -> list[Problem]:
    rule = "1 to 11 letters A to Z, digits or spaces"
    if not sender_id:
        return [_block("sid", f"Enter the sender ID recipients will see ({rule}), or choose another route.")]
    found: list[Problem] = []
    refused = list(dict.fromkeys(char for char in sender_id if char not in _SENDER_ID_ALLOWED))
    if refused:
        names = name_characters(refused)
        verb, pronoun = ("is", "it") if len(refused) == 1 else ("are", "them")
        found.append(
            _block(
                "sid",
                f"A sender ID can only use letters A to Z (without accents), digits and spaces: {names} "
                f"{verb} not allowed. Remove {pronoun}.",
            )
        )
    length = len(sender_id)
    if length > SENDER_ID_MAX:
        found.append(
            _block(
                "sid",
                f"The sender ID “{sender_id}” has {length} characters; the most allowed is {SENDER_ID_MAX}. "
                "Shorten it.",
            )
        )
    if not refused and not _SENDER_ID_LETTERS.intersection(sender_id):
        found.append(
            _block(
                "sid",
                f"A sender ID needs at least one letter (A to Z); “{sender_id}” has none. Add a letter.",
            )
        )
    return found


def _content_digest(image: Path) -> str:
    digest = hashlib.sha256()
    try:
        with image.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    except (OSError, ValueError):
        return "unreadable:" + hashlib.sha256(str(image).encode("utf-8", "surrogatepass")).hexdigest()
    return "sha256:" + digest.hexdigest()
