"""MMS picture rules: recognise a picture by its first bytes, refuse everything else with a readable sentence.

Pictures are recognised by their content, never by their file name: a JPEG saved as "photo.png" is a JPEG,
and "report.pdf" renamed to "report.jpg" is still refused. Nothing here imports Qt.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_IMAGES = 5
"""Most pictures one MMS may carry (the API accepts image_0 ... image_4)."""

MMS_SIZE_LIMIT = 1_000_000
"""Total picture size (bytes) above which carriers commonly refuse an MMS."""

HEADER_BYTES = 64
"""How much of a file is read to recognise what it is."""

ACCEPTED_FORMATS = "JPEG, PNG or GIF"
"""What the refusal sentences tell people to attach (the formats every phone shows)."""

_ATTACH = f"Attach {ACCEPTED_FORMATS} pictures."


@dataclass(frozen=True)
class ImageCheck:
    """A picture ViteDesk can attach: its path, MIME type (from its content) and size in bytes."""

    path: Path
    content_type: str
    size: int


class ImageRejected(Exception):
    """A file that cannot be attached as a picture; ``user_message`` names it and says why, in plain words."""

    def __init__(self, path: Path, user_message: str) -> None:
        super().__init__(user_message)
        self.path = path
        self.user_message = user_message


def sniff(head: bytes) -> str | None:
    """Return the MIME type of an attachable picture whose file starts with ``head``, or None.

    Contract: recognises JPEG, PNG, GIF, WebP, BMP and HEIC/HEIF from at least the first 32 bytes; anything
    else -> None.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/heic"
    # "BM" alone is too weak (plenty of text starts with it): also require a known DIB header size.
    if head[:2] == b"BM" and len(head) >= 18 and int.from_bytes(head[14:18], "little") in _BMP_DIB_SIZES:
        return "image/bmp"
    return None


_BMP_DIB_SIZES = frozenset({12, 16, 40, 52, 56, 64, 108, 124})

# ISO base media file brands (bytes 8-12 after "ftyp"): HEIC photos (converted to JPEG before sending), AVIF
# pictures phones do not show in MMS, and video.
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
)
_AVIF_BRANDS = frozenset({b"avif", b"avis"})


def _not_a_picture_reason(head: bytes, name: str) -> str:
    """Say what a non-picture file is and what to do instead (one or two sentences)."""
    attach = _ATTACH
    convert = "Save it as JPEG or PNG first, then attach that copy."
    if head.startswith(b"%PDF-"):
        return f"{name} is a PDF document, not an image. {attach}"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _AVIF_BRANDS:
            return f"{name} is an AVIF picture, which many phones cannot show in a message. {convert}"
        return f"{name} is a video, not a picture. {attach}"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return f"{name} is a TIFF image, which phones cannot show in a message. {convert}"
    if head.startswith(b"PK\x03\x04"):
        return f"{name} is a compressed folder or an Office document, not a picture. {attach}"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"<svg") or (stripped.startswith(b"<?xml") and b"<svg" in head.lower()):
        return f"{name} is an SVG drawing, which cannot be sent in a message. {convert}"
    if _looks_like_text(head):
        return f"{name} is a text file, not a picture. {attach}"
    return f"{name} is not a picture ViteDesk recognises. {attach}"


def _looks_like_text(head: bytes) -> bool:
    # The header may end in the middle of a multi-byte character: allow up to 3 cut-off bytes.
    for cut in range(4):
        try:
            decoded = head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return all(ch.isprintable() or ch in "\t\r\n\f" for ch in decoded)
    return False


def quoted_name(path: Path) -> str:
    """The file name as shown in messages: “name.ext” (the folder name for a path ending in a separator)."""
    return f"“{path.name or str(path)}”"


def check_image(path: Path) -> ImageCheck:
    """Check that ``path`` is a readable picture file; return its MIME type (from its content) and size.

    Contract: never reads more than HEADER_BYTES; never opens anything but a regular file (a named pipe would
    block). Raises ImageRejected, whose user_message names the file and says why and what to do, for a missing
    file, a folder, a special file, an empty file, a file it may not read, and any file that is not a JPEG,
    PNG, GIF, WebP, BMP or HEIC picture.
    """
    path = Path(path)
    name = quoted_name(path)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL byte in the name
        raise ImageRejected(
            path, f"{name} could not be found. It may have been moved, renamed or deleted: attach it again."
        ) from None
    except PermissionError:
        raise ImageRejected(path, _permission_sentence(name)) from None
    except OSError:
        raise ImageRejected(path, _unreadable_sentence(name)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImageRejected(
            path, f"{name} is a folder, not a picture. Open the folder and attach the pictures inside it."
        )
    if not stat.S_ISREG(info.st_mode):
        raise ImageRejected(path, f"{name} is not an ordinary file, so it cannot be attached. {_ATTACH}")
    if info.st_size == 0:
        raise ImageRejected(path, _empty_sentence(name))
    try:
        with path.open("rb") as handle:
            head = handle.read(HEADER_BYTES)
    except PermissionError:
        raise ImageRejected(path, _permission_sentence(name)) from None
    except OSError:
        raise ImageRejected(path, _unreadable_sentence(name)) from None
    if not head:  # the file was emptied between stat() and open()
        raise ImageRejected(path, _empty_sentence(name))
    content_type = sniff(head)
    if content_type is None:
        raise ImageRejected(path, _not_a_picture_reason(head, name))
    return ImageCheck(path=path, content_type=content_type, size=info.st_size)


def content_type_for(path: Path) -> str:
    """MIME type of the picture at ``path``, from its content (a JPEG named .png is "image/jpeg").

    Contract: same checks as check_image; raises ImageRejected for anything that is not an attachable picture.
    """
    return check_image(path).content_type


def _empty_sentence(name: str) -> str:
    return f"{name} is empty (0 bytes), so there is no picture in it. {_ATTACH}"


def _permission_sentence(name: str) -> str:
    return (
        f"ViteDesk is not allowed to open {name}. Copy the picture to a folder of your own "
        "(for example Pictures) and attach the copy."
    )


def _unreadable_sentence(name: str) -> str:
    return f"{name} could not be read. If it is on a USB stick or network drive, check that it is connected."


def format_size(size: int) -> str:
    """A byte count for people: "820 KB", "1.4 MB", "40 MB" (1 MB = 1,000,000 bytes, as carriers count)."""
    if size < 1_000:
        return f"{size} bytes" if size != 1 else "1 byte"
    if size < 1_000_000:
        return f"{round(size / 1_000)} KB"
    megabytes = size / 1_000_000
    return f"{megabytes:.1f} MB" if megabytes < 10 else f"{round(megabytes)} MB"


def size_warning(checks: Sequence[ImageCheck], limit: int = MMS_SIZE_LIMIT) -> str | None:
    """A sentence warning that the pictures are too big for many carriers, or None when they fit ``limit``.

    Contract: looks only at ImageCheck.size; names the largest picture when one alone is over the limit.
    """
    total = sum(check.size for check in checks)
    if total <= limit:
        return None
    advice = (
        f"Carriers often refuse picture messages over about {format_size(limit)}, "
        "so this MMS may not arrive. Attach smaller copies of the pictures (for example saved for e-mail)."
    )
    largest = max(checks, key=lambda check: check.size)
    if len(checks) == 1:
        return f"{quoted_name(largest.path)} is large ({format_size(total)}). {advice}"
    detail = ""
    if largest.size > limit:
        detail = f"; {quoted_name(largest.path)} alone is {format_size(largest.size)}"
    return f"The {len(checks)} pictures add up to {format_size(total)}{detail}. {advice}"


def same_file(first: Path, second: Path) -> bool:
    """True when two paths name the same file (same path after resolving links, or the same inode)."""
    try:
        if os.path.realpath(first) == os.path.realpath(second):
            return True
        return os.path.samefile(first, second)
    except (OSError, ValueError, RuntimeError):
        return False
