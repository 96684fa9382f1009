"""Fixtures for the API client tests: the anyio backend, real pictures (small and 4 MB), a few numbers."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

BIG_IMAGE_BYTES = 4_000_000


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def write_noise_image(path: Path, *, side: int, image_format: str) -> Path:
    """A real, decodable picture of random pixels (noise hardly compresses, so side sets the size)."""
    picture = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    if image_format == "JPEG":
        picture.save(buffer, "JPEG", quality=100, subsampling=0)
    else:
        picture.save(buffer, "PNG", compress_level=1)
    path.write_bytes(buffer.getvalue())
    return path


def write_big_image(path: Path, image_format: str, minimum: int = BIG_IMAGE_BYTES) -> Path:
    """A noise picture of at least ``minimum`` bytes (and not much more)."""
    side = 1010 if image_format == "JPEG" else 1160
    while write_noise_image(path, side=side, image_format=image_format).stat().st_size < minimum:
        side += 20
    return path


@pytest.fixture(scope="session")
def big_images(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Five real pictures of about 4 MB each (three PNG, two JPEG), made once per test session."""
    folder = tmp_path_factory.mktemp("big-images")
    formats = ["PNG", "JPEG", "PNG", "JPEG", "PNG"]
    suffix = {"PNG": ".png", "JPEG": ".jpg"}
    return [write_big_image(folder / f"photo-{index}{suffix[fmt]}", fmt) for index, fmt in enumerate(formats)]


@pytest.fixture(scope="session")
def small_images(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A small PNG and a small JPEG whose file name says PNG (the content type must come from the bytes)."""
    folder = tmp_path_factory.mktemp("small-images")
    png = write_noise_image(folder / "logo.png", side=40, image_format="PNG")
    jpeg_named_png = write_noise_image(folder / "holiday.png", side=40, image_format="JPEG")
    return [png, jpeg_named_png]


@pytest.fixture
def numbers() -> list[str]:
    """Three valid US numbers in E.164."""
    return ["+12015550123", "+12015550124", "+13105550199"]
