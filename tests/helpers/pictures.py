"""Pictures the tests make: phone photos with EXIF orientation and GPS, transparent PNGs, and worse."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def photo(
    width: int = 4000, height: int = 3000, *, orientation: int | None = None, gps: bool = False
) -> bytes:
    """A photo-like JPEG (gradients and shapes, so it compresses like a photo), optionally with EXIF.

    The top-left quarter is red and the rest blue-ish, so the orientation can be checked after decoding.
    """
    small = Image.new("RGB", (160, 120))
    pixels = small.load()
    assert pixels is not None
    for y in range(120):
        for x in range(160):
            pixels[x, y] = ((x * 7 + y * 3) % 256, (x * y) % 256, (x * 2 + y * 5) % 256)
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 2, height // 2), fill=(230, 20, 20))
    for step in range(0, width, max(1, width // 40)):
        draw.line((step, height // 2, width - step, height), fill=(step % 256, 120, 200), width=3)
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes(), comment=b"taken at home")
    return buffer.getvalue()


def transparent_png(size: tuple[int, int] = (300, 200)) -> bytes:
    """Fully transparent corners around an opaque green disc."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((50, 30, size[0] - 50, size[1] - 30), fill=(20, 160, 40, 255))
    return _encoded(image, "PNG")


def png_16_bit(size: tuple[int, int] = (400, 300)) -> bytes:
    """A 16-bit greyscale gradient (mode I;16), brightest at the right."""
    image = Image.new("I;16", size)
    image.putdata([int(x / size[0] * 65535) for _y in range(size[1]) for x in range(size[0])])
    return _encoded(image, "PNG")


def cmyk_jpeg(size: tuple[int, int] = (600, 400)) -> bytes:
    """A CMYK JPEG, pure cyan."""
    return _encoded(Image.new("CMYK", size, (255, 0, 0, 0)), "JPEG")


def animated_gif(size: tuple[int, int] = (120, 90), frames: int = 6, comment: bytes = b"made by me") -> bytes:
    images = [Image.new("P", size, index * 30) for index in range(frames)]
    for index, frame in enumerate(images):
        ImageDraw.Draw(frame).rectangle((index * 10, 10, index * 10 + 20, 40), fill=255)
    buffer = io.BytesIO()
    images[0].save(
        buffer, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0, comment=comment
    )
    return buffer.getvalue()


def noisy_gif(size: tuple[int, int], frames: int) -> bytes:
    """An animation that does not compress (random pixels): large in bytes."""
    import random

    generator = random.Random(7)
    images = [
        Image.frombytes("P", size, bytes(generator.randrange(256) for _ in range(size[0] * size[1])))
        for _frame in range(frames)
    ]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return buffer.getvalue()


def tiny_png(size: tuple[int, int] = (40, 30)) -> bytes:
    return _encoded(Image.new("RGB", size, (10, 10, 200)), "PNG")


def corrupted_jpeg() -> bytes:
    """A JPEG cut in the middle of its picture data."""
    data = photo(800, 600)
    return data[: len(data) // 3]


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _encoded(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def has_exif_segment(jpeg: bytes) -> bool:
    """True when the JPEG holds an APP1 segment (EXIF or XMP) or any APPn other than JFIF, or a comment."""
    position = 2
    while position + 4 <= len(jpeg):
        if jpeg[position] != 0xFF:
            return True  # not a marker where one must be: treat as suspicious
        marker = jpeg[position + 1]
        if marker == 0xDA:  # start of scan: no more metadata segments
            return False
        length = int.from_bytes(jpeg[position + 2 : position + 4], "big")
        if marker == 0xFE or (0xE1 <= marker <= 0xEF):
            return True
        position += 2 + length
    return False


def heic(size: tuple[int, int] = (640, 480)) -> bytes:
    """An HEIC photo (the iPhone format), red."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return _encoded(Image.new("RGB", size, (200, 40, 40)), "HEIF")


def webp(size: tuple[int, int] = (300, 200)) -> bytes:
    """A lossless WebP with a transparent half (left) and opaque blue (right)."""
    image = Image.new("RGBA", size, (0, 0, 255, 255))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2, size[1]), fill=(0, 0, 0, 0))
    return _encoded(image, "WEBP")
