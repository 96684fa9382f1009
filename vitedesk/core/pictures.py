"""MMS picture preparation: upright, stripped of every piece of metadata, sRGB, small enough for carriers.

Two steps. ``load_picture`` decodes one file (recognised from its content) into an upright 8-bit sRGB
picture no larger than the longest edge allowed; ``prepare_message`` encodes all the pictures of one
message as JPEG so that together they fit the budget, and writes the copies to the cache folder, named by
their content hash. The person's own files are only ever read. Nothing here imports Qt.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from vitedesk.core.gif import strip_gif_metadata
from vitedesk.core.media import ImageRejected, check_image, format_size, quoted_name

DEFAULT_BUDGET = 600_000
"""Bytes all the pictures of one MMS may add up to (several carrier routes cap a whole MMS at 525-600 KB)."""

DEFAULT_EDGE = 1280
"""Longest edge, in pixels, of a prepared picture."""

BEST_QUALITY = 85
"""JPEG quality used when everything fits (above it the file grows much faster than the picture improves)."""

LOWEST_QUALITY = 45
"""Below this quality JPEG blocks show: the pictures get smaller dimensions instead."""

NOTICEABLE_QUALITY = 60
"""Below this quality (or when dimensions were reduced) the picker tells the person."""

_SHRINK = 0.8
_SMALLEST_EDGE = 160
_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "HEIF")


@dataclass(frozen=True, slots=True)
class SourceStamp:
    """What a picked file looked like: a later change or deletion is noticed before sending."""

    path: Path
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> SourceStamp:
        info = path.stat()
        return cls(path, info.st_size, info.st_mtime_ns)

    def problem(self) -> str | None:
        """A sentence when the file was deleted, moved or changed since it was picked; None when unchanged."""
        name = quoted_name(self.path)
        try:
            info = self.path.stat()
        except (OSError, ValueError):
            return (
                f"{name} was deleted or moved after you attached it. Attach it again, or remove it "
                "from the pictures."
            )
        if info.st_size != self.size or info.st_mtime_ns != self.mtime_ns:
            return (
                f"{name} was changed after you attached it, so the prepared copy no longer matches it. "
                "Remove it and attach it again."
            )
        return None


@dataclass(slots=True)
class LoadedPicture:
    """One decoded picture: upright RGB within the edge (``image``), or an animated GIF's stripped bytes."""

    stamp: SourceStamp
    source_format: str
    original_size: tuple[int, int]
    image: Image.Image
    animation: bytes | None = None

    @property
    def path(self) -> Path:
        return self.stamp.path

    def thumbnail(self, box: int) -> tuple[int, int, bytes]:
        """Width, height and RGB888 bytes of the upright picture fitted into ``box`` x ``box`` pixels."""
        small = self.image.copy()
        small.thumbnail((box, box), Image.Resampling.BILINEAR)
        return small.width, small.height, small.tobytes()


@dataclass(frozen=True, slots=True)
class PreparedPicture:
    """The copy that is uploaded for one picked file, and how much it had to give up to fit."""

    stamp: SourceStamp
    path: Path
    size: int
    content_type: str
    width: int
    height: int
    quality: int | None
    reduced: bool

    @property
    def source(self) -> Path:
        return self.stamp.path

    @property
    def upload_name(self) -> str:
        """File name sent with the upload: the picked file's name with the prepared copy's extension."""
        return Path(self.stamp.path.name).stem + self.path.suffix

    @property
    def note(self) -> str | None:
        """A short sentence when quality had to drop a lot to fit the budget; None otherwise."""
        if self.reduced:
            return "Made smaller to fit the message size limit; details may look softer."
        if self.quality is not None and self.quality < NOTICEABLE_QUALITY:
            return "Compressed strongly to fit the message size limit; details may look softer."
        return None

    def problem(self) -> str | None:
        """A sentence when the picked file or the prepared copy changed or went away; None when ready."""
        changed = self.stamp.problem()
        if changed is not None:
            return changed
        if not self.path.is_file():
            return (
                f"The prepared copy of {quoted_name(self.source)} was removed from the cache folder. "
                "Remove the picture and attach it again."
            )
        return None


def load_picture(path: Path, edge: int = DEFAULT_EDGE) -> LoadedPicture:
    """Decode the picture at ``path`` into an upright 8-bit sRGB RGB image with its longest edge <= ``edge``.

    Contract: recognises the format from the content (JPEG, PNG, GIF, WebP, BMP, HEIC/HEIF); never writes to
    ``path``; a tiny picture is never enlarged; transparency is flattened on white; an animated GIF also
    keeps its own bytes with metadata removed. Raises ImageRejected with a sentence for anything that is not
    a picture, is damaged, or is too large to open.
    """
    path = Path(path)
    check = check_image(path)
    stamp = SourceStamp.of(path)
    name = quoted_name(path)
    if check.content_type == "image/heic":
        _register_heif()
    try:
        with Image.open(path, formats=_FORMATS) as opened:
            source_format = opened.format or ""
            original = opened.size
            animation = _animation(path, opened, name, edge)
            _draft(opened, edge)
            opened.load()
            upright = ImageOps.exif_transpose(opened)
            image = _to_srgb(upright)
    except ImageRejected:
        raise
    except Image.DecompressionBombError:
        raise ImageRejected(
            path, f"{name} has too many pixels to be opened safely. Save a smaller copy and attach that."
        ) from None
    except Exception:  # Pillow raises many kinds of errors for damaged files
        raise ImageRejected(
            path,
            f"{name} looks like a picture but cannot be opened; it may be damaged. "
            "Open and save it again, or choose another picture.",
        ) from None
    if max(image.size) > edge:
        image.thumbnail((edge, edge), Image.Resampling.LANCZOS, reducing_gap=3.0)
    image.info = {}
    return LoadedPicture(stamp, source_format, original, image, animation)


def _register_heif() -> None:
    from pillow_heif import register_heif_opener  # imported only when an HEIC picture is attached

    register_heif_opener()


def _animation(path: Path, opened: Image.Image, name: str, edge: int) -> bytes | None:
    if opened.format != "GIF" or getattr(opened, "n_frames", 1) <= 1:
        return None
    width, height = opened.size
    if max(width, height) > edge:
        raise ImageRejected(
            path,
            f"{name} is an animation of {width} × {height} pixels; animations can be sent only as they "
            f"are, at most {edge} pixels on their longest side. Attach a smaller animation or a still "
            "picture.",
        )
    return strip_gif_metadata(path.read_bytes())


def _draft(opened: Image.Image, edge: int) -> None:
    """Let JPEG decode at 1/2, 1/4 or 1/8 scale when that still leaves at least ``edge`` pixels."""
    if opened.format != "JPEG" or max(opened.size) <= edge:
        return
    factor = edge / max(opened.size)
    opened.draft("RGB", (max(1, round(opened.width * factor)), max(1, round(opened.height * factor))))


def _to_srgb(image: Image.Image) -> Image.Image:
    """8-bit RGB in sRGB: 16-bit scaled down, palettes expanded, transparency on white, ICC applied."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        high = image.convert("I") if image.mode != "I" else image
        maximum = high.getextrema()[1]
        scale = 1 / 257 if isinstance(maximum, int) and maximum > 255 else 1.0
        image = high.point(lambda value: value * scale).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode in ("P", "L", "RGB") and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    if isinstance(icc, bytes) and icc and image.mode in ("RGB", "CMYK", "L"):
        converted = _apply_icc(image, icc)
        if converted is not None:
            return converted
    return image.convert("RGB") if image.mode != "RGB" else image


def _apply_icc(image: Image.Image, icc: bytes) -> Image.Image | None:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, target, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # a broken or mismatched profile: the plain conversion below is close enough
    return converted if isinstance(converted, Image.Image) else None


class BudgetExceeded(Exception):
    """The pictures cannot fit the message budget; ``user_message`` says which and what to do."""

    def __init__(self, user_message: str, path: Path | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.path = path  # the picture to remove (an animation too large), or None when all are to blame


Encoder = Callable[[Image.Image, int], bytes]


def encode_jpeg(image: Image.Image, quality: int, optimize: bool = False) -> bytes:
    """Baseline JPEG of ``image`` at ``quality``, carrying no EXIF, ICC, comment or thumbnail."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=optimize, subsampling="4:2:0")
    return buffer.getvalue()


def fit_budget(
    images: Sequence[Image.Image], budget: int, encode: Encoder = encode_jpeg
) -> tuple[int, float]:
    """The quality and scale (1 = as given) at which all ``images`` encoded together fit ``budget`` bytes.

    Contract: one quality for every picture (they look alike); binary search between LOWEST_QUALITY and
    BEST_QUALITY; when even LOWEST_QUALITY is too big, the dimensions shrink by steps and the search runs
    again. Raises BudgetExceeded when even tiny pictures do not fit.
    """
    if not images:
        return BEST_QUALITY, 1.0
    scale = 1.0
    while True:
        scaled = [_scaled(image, scale) for image in images]

        def total(quality: int, pictures: Sequence[Image.Image] = scaled) -> int:
            return sum(len(encode(picture, quality)) for picture in pictures)

        if total(BEST_QUALITY) <= budget:
            return BEST_QUALITY, scale
        if total(LOWEST_QUALITY) <= budget:
            low, high = LOWEST_QUALITY, BEST_QUALITY - 1  # low always fits
            while low < high:
                middle = (low + high + 1) // 2
                if total(middle) <= budget:
                    low = middle
                else:
                    high = middle - 1
            return low, scale
        scale *= _SHRINK
        if max(max(image.size) for image in images) * scale < _SMALLEST_EDGE:
            raise BudgetExceeded(
                f"These pictures cannot be made small enough to fit one message ({format_size(budget)}). "
                "Remove some of them."
            )


def _scaled(image: Image.Image, scale: float) -> Image.Image:
    if scale >= 1.0:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def prepare_message(
    pictures: Sequence[LoadedPicture], cache_dir: Path, budget: int = DEFAULT_BUDGET
) -> list[PreparedPicture]:
    """Encode the pictures of one message so that together they fit ``budget`` bytes; write them to the cache.

    Contract: returns one PreparedPicture per picture, in the same order; animated GIFs go as they are
    (metadata already stripped) and their size is taken from the budget first; everything else becomes a
    JPEG (see fit_budget). Copies are named by the SHA-256 of their bytes. Raises BudgetExceeded with a
    sentence when the animations alone, or the pictures at their smallest, do not fit.
    """
    animations = sum(len(picture.animation) for picture in pictures if picture.animation is not None)
    if animations > budget:
        largest = max((p for p in pictures if p.animation is not None), key=lambda p: len(p.animation or b""))
        raise BudgetExceeded(
            f"{quoted_name(largest.path)} is an animation of {format_size(len(largest.animation or b''))}; "
            f"animations are sent as they are, and one message can carry at most {format_size(budget)} "
            "of pictures. Attach a smaller animation or a still picture.",
            largest.path,
        )
    stills = [picture for picture in pictures if picture.animation is None]
    quality, scale = fit_budget([picture.image for picture in stills], budget - animations)
    cache_dir.mkdir(parents=True, exist_ok=True)
    prepared: list[PreparedPicture] = []
    for picture in pictures:
        if picture.animation is not None:
            data, width, height = picture.animation, *picture.original_size
            prepared.append(
                _store(picture, data, cache_dir, ".gif", "image/gif", (width, height), None, False)
            )
            continue
        image = _scaled(picture.image, scale)
        data = encode_jpeg(image, quality, optimize=True)
        prepared.append(
            _store(picture, data, cache_dir, ".jpg", "image/jpeg", image.size, quality, scale < 1)
        )
    return prepared


def _store(
    picture: LoadedPicture,
    data: bytes,
    cache_dir: Path,
    suffix: str,
    content_type: str,
    size: tuple[int, int],
    quality: int | None,
    reduced: bool,
) -> PreparedPicture:
    target = cache_dir / (hashlib.sha256(data).hexdigest() + suffix)
    if not (target.is_file() and target.stat().st_size == len(data)):
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, target)
    else:
        os.utime(target)  # still in use: not "old" for the next clean-up
    return PreparedPicture(picture.stamp, target, len(data), content_type, *size, quality, reduced)


def clean_cache(cache_dir: Path, older_than: float, now: float | None = None) -> int:
    """Delete prepared copies in ``cache_dir`` not used for ``older_than`` seconds; return how many went.

    Contract: touches only files ending in .jpg, .gif or .part directly in ``cache_dir``; never raises.
    """
    limit = (time.time() if now is None else now) - older_than
    removed = 0
    try:
        entries = list(cache_dir.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if entry.suffix not in (".jpg", ".gif", ".part"):
            continue
        try:
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                removed += 1
        except OSError:
            continue
    return removed
