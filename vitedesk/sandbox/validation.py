"""Reading a send request (JSON or multipart) into checked fields, with errors shaped as DRF shapes them."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, BinaryIO

from PIL import Image
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request

from vitedesk.sandbox.accounts import Account

MAX_IMAGES = 5
IMAGE_FIELDS = tuple(f"image_{index}" for index in range(MAX_IMAGES))
# A 100,000-number lead list is about 1.3 MB; Starlette's default 1 MB per form field would refuse it.
MAX_FIELD_BYTES = 32 * 1024 * 1024
# Enough to see (and refuse with a clear message) a few images too many.
MAX_FILE_PARTS = 20
SERVER_TYPES = ("PUBLIC", "PRIVATE")
PROTOCOLS = ("SMS", "MMS")
# Alphanumeric sender IDs: up to 11 characters, at least one letter, no emoji or accents.
SENDER_ID = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 .&_-]{1,11}")

REQUIRED = "This field is required."
BLANK = "This field may not be blank."
NULL = "This field may not be null."
NOT_STRING = "Not a valid string."
NOT_A_FILE = "The submitted data was not a file. Check the encoding type on the form."
EMPTY_FILE = "The submitted file is empty."
NOT_AN_IMAGE = "Upload a valid image. The file you uploaded was either not an image or a corrupted image."


class Refusal(Exception):
    """An error answer: HTTP status plus a DRF-shaped JSON body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body

    @classmethod
    def detail(cls, status: int, detail: str) -> Refusal:
        return cls(status, {"detail": detail})


@dataclass(frozen=True, slots=True)
class ImageUpload:
    field: str
    filename: str
    content_type: str
    size: int
    sha256: str
    format: str
    data: bytes = dataclass_field(default=b"", repr=False)  # as received: the sandbox serves it back

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
            "format": self.format,
        }


@dataclass(frozen=True, slots=True)
class SendRequest:
    lead: str
    message: str
    server_type: str
    server_id: str | None
    protocol: str
    sid: str | None
    images: tuple[ImageUpload, ...]


async def read_body(request: Request) -> tuple[dict[str, Any], dict[str, UploadFile]]:
    """Fields and uploaded files of a JSON, multipart or url-encoded body; Refusal(400/415) if unreadable."""
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        raw = await request.body()
        try:
            data = json.loads(raw)
        except RecursionError:
            raise Refusal.detail(400, "JSON parse error - the JSON is nested too deeply.") from None
        except ValueError as exc:  # bad JSON, bad UTF-8, or an integer of more than 4,300 digits
            raise Refusal.detail(400, f"JSON parse error - {exc}") from exc
        if (text := _first_unencodable(data)) is not None:
            # Python reads "\ud800" happily, but nothing can store or echo it (it is not Unicode).
            code = next(f"\\u{ord(char):04x}" for char in text if 0xD800 <= ord(char) <= 0xDFFF)
            raise Refusal.detail(400, f"JSON parse error - a lone surrogate ({code}) is not valid Unicode.")
        if not isinstance(data, dict):
            got = type(data).__name__
            raise Refusal(400, {"non_field_errors": [f"Invalid data. Expected a dictionary, but got {got}."]})
        return data, {}
    if media_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=MAX_FILE_PARTS, max_fields=100, max_part_size=MAX_FIELD_BYTES)
        fields: dict[str, Any] = {}
        files: dict[str, UploadFile] = {}
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                if name in files:
                    raise Refusal(400, {name: ["The same file field was sent twice."]})
                files[name] = value
            else:
                fields[name] = value
        return fields, files
    if not media_type and not await request.body():
        return {}, {}
    raise Refusal.detail(415, f'Unsupported media type "{content_type}" in request.')


def _first_unencodable(data: object) -> str | None:
    """The first string (key or value) in ``data`` that UTF-8 cannot encode, walking without recursion."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return item
    return None


async def check_send(fields: dict[str, Any], files: dict[str, UploadFile], account: Account) -> SendRequest:
    """Validate a send request's fields and images; Refusal(400) listing every problem by field."""
    errors: dict[str, list[str]] = {}
    lead = _text(fields, "lead", errors, required=True)
    message = _text(fields, "message", errors, required=True, trim=False)
    server_type = _choice(fields, "server_type", SERVER_TYPES, errors)
    protocol = _choice(fields, "protocol", PROTOCOLS, errors)
    server_id = None
    if server_type == "PRIVATE":
        server_id = _text(fields, "server_id", errors, required=True)
        if server_id and server_id not in account.servers:
            errors["server_id"] = [_unknown_server(server_id, account)]
    sid = _text(fields, "sid", errors, required=False) if "sid" in fields else None
    if sid and not SENDER_ID.fullmatch(sid):
        errors["sid"] = [
            "A sender ID is 1 to 11 characters: English letters (at least one), digits, spaces and . & _ -"
        ]
    for name in fields:
        if name.startswith("image_"):
            errors[name] = [NOT_A_FILE]
    images = await _check_images(files, protocol, errors)
    if errors:
        raise Refusal(400, errors)
    assert lead is not None and message is not None and server_type is not None and protocol is not None
    return SendRequest(lead, message, server_type, server_id, protocol, sid or None, images)


def _text(
    fields: dict[str, Any], name: str, errors: dict[str, list[str]], *, required: bool, trim: bool = True
) -> str | None:
    if name not in fields:
        if required:
            errors[name] = [REQUIRED]
        return None
    value = fields[name]
    if value is None:
        errors[name] = [NULL]
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        errors[name] = [NOT_STRING]
        return None
    text = str(value).strip() if trim else str(value)
    if not text.strip():
        errors[name] = [BLANK]
        return None
    return text


def _choice(
    fields: dict[str, Any], name: str, choices: tuple[str, ...], errors: dict[str, list[str]]
) -> str | None:
    value = fields.get(name, choices[0])
    if value not in choices:
        errors[name] = [f'"{value}" is not a valid choice.']
        return None
    return str(value)


def _unknown_server(server_id: str, account: Account) -> str:
    if not account.servers:
        return f'Server "{server_id}" is not yours: this account has no private server.'
    return f'Server "{server_id}" is not yours. Your servers: {", ".join(account.servers)}.'


async def _check_images(
    files: dict[str, UploadFile], protocol: str | None, errors: dict[str, list[str]]
) -> tuple[ImageUpload, ...]:
    if len(files) > MAX_IMAGES:
        errors["images"] = [f"Send at most {MAX_IMAGES} images per message; this request has {len(files)}."]
        return ()
    unexpected = [name for name in files if name not in IMAGE_FIELDS]
    for name in unexpected:
        errors[name] = [f"Unexpected file. Send images as {IMAGE_FIELDS[0]} to {IMAGE_FIELDS[-1]}."]
    if protocol == "MMS" and not files:
        errors["images"] = ["An MMS needs at least one image, sent as image_0."]
    if protocol == "SMS" and files:
        errors["images"] = ['Images can only be sent with protocol "MMS".']
    uploads = []
    for name in sorted(set(files) - set(unexpected)):
        upload = await run_in_threadpool(_inspect, name, files[name])
        if isinstance(upload, str):
            errors[name] = [upload]
        else:
            uploads.append(upload)
    return tuple(uploads)


def _inspect(field: str, upload: UploadFile) -> ImageUpload | str:
    """The upload's size, hash and image format, or the DRF error message for it."""
    stream: BinaryIO = upload.file
    stream.seek(0)
    data = stream.read()
    digest = hashlib.sha256(data)
    size = len(data)
    if size == 0:
        return EMPTY_FILE
    stream.seek(0)
    try:
        with Image.open(stream) as image:
            image_format = image.format or ""
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for files that are not images
        return NOT_AN_IMAGE
    return ImageUpload(
        field=field,
        filename=upload.filename or "",
        content_type=upload.content_type or "application/octet-stream",
        size=size,
        sha256=digest.hexdigest(),
        format=image_format,
        data=data,
    )
