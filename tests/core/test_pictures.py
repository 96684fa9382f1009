"""Picture preparation: upright, no metadata, sRGB 8-bit, within the edge, all together within the budget."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import pictures as make
from PIL import Image

from vitedesk.core.gif import strip_gif_metadata
from vitedesk.core.media import ImageRejected
from vitedesk.core.pictures import (
    LoadedPicture,
    SourceStamp,
    clean_cache,
    fit_budget,
    load_picture,
    prepare_message,
)


def prepared_one(path: Path, cache: Path, budget: int = 600_000) -> tuple[Image.Image, bytes]:
    [result] = prepare_message([load_picture(path)], cache, budget)
    data = result.path.read_bytes()
    return Image.open(io.BytesIO(data)), data


def test_phone_photo_arrives_upright_small_and_without_exif_or_gps(tmp_path: Path) -> None:
    # Stored 4000 x 3000 landscape with "rotate 90° clockwise": the person sees a 3000 x 4000 portrait.
    source = make.write(tmp_path / "IMG_0001.jpg", make.photo(orientation=6, gps=True))
    before = source.read_bytes()

    image, data = prepared_one(source, tmp_path / "cache")

    assert image.format == "JPEG" and image.mode == "RGB"
    assert image.height > image.width and max(image.size) <= 1280
    # The red quarter was top-left as stored; after turning clockwise it is top-right.
    assert image.getpixel((image.width - 5, 5))[0] > 180  # type: ignore[index]
    assert image.getpixel((5, 5))[0] < 180  # type: ignore[index]
    assert not make.has_exif_segment(data)
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"taken at home" not in data
    assert "icc_profile" not in image.info and not image.getexif()
    assert source.read_bytes() == before  # the person's file is never modified


def test_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    image, _ = prepared_one(make.write(tmp_path / "logo.png", make.transparent_png()), tmp_path / "c")

    assert image.mode == "RGB"
    for corner in ((0, 0), (image.width - 1, 0), (0, image.height - 1), (image.width - 1, image.height - 1)):
        assert min(image.getpixel(corner)) >= 245  # type: ignore[arg-type]
    assert image.getpixel((image.width // 2, image.height // 2))[1] > 120  # type: ignore[index]


def test_16_bit_png_keeps_its_tones(tmp_path: Path) -> None:
    image, _ = prepared_one(make.write(tmp_path / "scan.png", make.png_16_bit()), tmp_path / "c")

    assert image.mode == "RGB"
    left, right = image.getpixel((2, 150)), image.getpixel((image.width - 3, 150))
    assert left[0] < 20 and right[0] > 230  # type: ignore[index]
    assert 90 < image.getpixel((image.width // 2, 150))[0] < 165  # type: ignore[index]


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    image, _ = prepared_one(make.write(tmp_path / "print.jpg", make.cmyk_jpeg()), tmp_path / "c")

    red, green, blue = image.getpixel((10, 10))  # type: ignore[misc]
    assert image.mode == "RGB" and red < 80 and green > 150 and blue > 200  # cyan


def test_png_named_jpg_is_read_as_png(tmp_path: Path) -> None:
    picture = load_picture(make.write(tmp_path / "holiday.jpg", make.tiny_png((50, 40))))

    assert picture.source_format == "PNG"


def test_tiny_picture_is_not_enlarged(tmp_path: Path) -> None:
    image, _ = prepared_one(make.write(tmp_path / "icon.png", make.tiny_png((40, 30))), tmp_path / "c")

    assert image.size == (40, 30)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (make.corrupted_jpeg(), "looks like a picture but cannot be opened; it may be damaged"),
        (make.PDF, "is a PDF document, not an image"),
    ],
)
def test_damaged_file_and_pdf_named_jpg_are_refused_with_a_sentence(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    path = make.write(tmp_path / "photo.jpg", data)

    with pytest.raises(ImageRejected) as refused:
        load_picture(path)

    assert refused.value.user_message.startswith(f"“photo.jpg” {expected}")


def test_animated_gif_goes_as_it_is_without_its_comment(tmp_path: Path) -> None:
    original = make.animated_gif()
    [result] = prepare_message([load_picture(make.write(tmp_path / "a.gif", original))], tmp_path / "c")

    data = result.path.read_bytes()
    assert result.content_type == "image/gif" and b"made by me" in original and b"made by me" not in data
    with Image.open(io.BytesIO(data)) as shown, Image.open(io.BytesIO(original)) as before:
        assert getattr(shown, "n_frames", 1) == 6 and shown.info.get("loop") == 0
        for frame in range(6):
            shown.seek(frame)
            before.seek(frame)
            assert shown.convert("RGB").tobytes() == before.convert("RGB").tobytes()


def test_animated_gif_too_large_for_the_budget_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = make.write(tmp_path / "big.gif", make.noisy_gif((300, 300), 8))
    with pytest.raises(Exception) as refused:
        prepare_message([load_picture(path)], tmp_path / "c", budget=200_000)

    assert "“big.gif” is an animation of" in str(refused.value)
    assert "at most 200 KB" in str(refused.value)


def test_five_photos_together_fit_the_shared_budget(tmp_path: Path) -> None:
    paths = [make.write(tmp_path / f"p{i}.jpg", make.photo(3000, 2000 + i)) for i in range(5)]
    loaded = [load_picture(path) for path in paths]

    results = prepare_message(loaded, tmp_path / "cache", budget=600_000)

    assert sum(result.size for result in results) <= 600_000
    assert all(max(result.width, result.height) <= 1280 for result in results)
    assert [result.source for result in results] == paths
    assert all(result.path.parent == tmp_path / "cache" for result in results)


def test_quality_search_then_smaller_dimensions(tmp_path: Path) -> None:
    image = load_picture(make.write(tmp_path / "p.jpg", make.photo(2000, 1500))).image

    quality, scale = fit_budget([image], 400_000)
    _quality, squeezed_scale = fit_budget([image], 40_000)

    assert scale == 1.0 and quality >= 45
    assert squeezed_scale < 1.0


def test_budget_and_edge_are_respected_when_set_lower(tmp_path: Path) -> None:
    picture = load_picture(make.write(tmp_path / "p.jpg", make.photo(2000, 1500)), edge=640)

    [result] = prepare_message([picture], tmp_path / "c", budget=50_000)

    assert max(result.width, result.height) <= 640 and result.size <= 50_000
    assert result.note is not None


def test_changed_or_deleted_file_is_noticed(tmp_path: Path) -> None:
    path = make.write(tmp_path / "p.png", make.tiny_png())
    stamp = SourceStamp.of(path)
    assert stamp.problem() is None

    path.write_bytes(make.tiny_png((41, 30)))
    assert "was changed after you attached it" in (stamp.problem() or "")
    path.unlink()
    assert "was deleted or moved after you attached it" in (stamp.problem() or "")


def test_copies_are_named_by_content_and_old_ones_cleaned(tmp_path: Path) -> None:
    picture: LoadedPicture = load_picture(make.write(tmp_path / "p.png", make.tiny_png()))
    first = prepare_message([picture], tmp_path / "c")[0].path
    again = prepare_message([picture], tmp_path / "c")[0].path
    other = tmp_path / "c" / "notes.txt"
    other.write_text("keep")

    assert first == again and len(first.stem) == 64
    assert clean_cache(tmp_path / "c", older_than=3600) == 0
    assert clean_cache(tmp_path / "c", older_than=3600, now=first.stat().st_mtime + 7200) == 1
    assert not first.exists() and other.exists()


def test_gif_stripping_refuses_broken_bytes() -> None:
    with pytest.raises(ValueError):
        strip_gif_metadata(make.animated_gif()[:40])


def test_heic_photo_becomes_a_jpeg(tmp_path: Path) -> None:
    image, _ = prepared_one(make.write(tmp_path / "IMG_0002.HEIC", make.heic()), tmp_path / "c")

    red, green, _blue = image.getpixel((10, 10))  # type: ignore[misc]
    assert image.format == "JPEG" and image.size == (640, 480) and red > 150 and green < 90


def test_webp_with_transparency_is_flattened(tmp_path: Path) -> None:
    image, _ = prepared_one(make.write(tmp_path / "sticker.webp", make.webp()), tmp_path / "c")

    assert min(image.getpixel((5, 5))) >= 245  # type: ignore[arg-type]
    assert image.getpixel((image.width - 5, 5))[2] > 200  # type: ignore[index]


def test_campaign_waits_for_preparation_and_notices_a_changed_file(tmp_path: Path) -> None:
    from vitedesk.core.campaign import Campaign

    path = make.write(tmp_path / "p.png", make.tiny_png())
    [copy] = prepare_message([load_picture(path)], tmp_path / "c")

    def image_blocks(campaign: Campaign) -> list[str]:
        return [p.message for p in campaign.problems() if p.field == "images" and p.blocking]

    waiting = Campaign(leads=["+12015550123"], message="Hi", images=[path], prepared=[None])
    ready = Campaign(leads=["+12015550123"], message="Hi", images=[path], prepared=[copy])
    assert image_blocks(waiting) == ["“p.png” is still being prepared for sending. Wait a moment."]
    assert image_blocks(ready) == [] and ready.uploads() == (copy,)
    path.write_bytes(make.tiny_png((10, 10)))
    assert "“p.png” was changed after you attached it" in image_blocks(ready)[0]
