"""Prepared pictures through the real client and sandbox: what arrives is the prepared copy, nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest
from helpers import pictures as make
from PIL import Image

from vitedesk.api import NotSent, ViteMobileClient
from vitedesk.core.campaign import Campaign
from vitedesk.core.pictures import load_picture, prepare_message
from vitedesk.sandbox import SandboxServer

pytestmark = pytest.mark.anyio

NUMBERS = ["+12015550123"]


def prepared_campaign(paths: list[Path], cache: Path) -> Campaign:
    prepared = prepare_message([load_picture(path) for path in paths], cache)
    return Campaign(leads=NUMBERS, message="Look", images=paths, prepared=prepared)


async def send(sandbox: SandboxServer, campaign: Campaign) -> int:
    async with ViteMobileClient(sandbox.url) as client:
        await client.login("business@sandbox.test", "sandbox")
        return (await client.send(campaign)).id


def fetched(sandbox: SandboxServer, campaign_id: int, count: int) -> list[httpx.Response]:
    with httpx.Client(base_url=sandbox.url) as http:
        return [http.get(f"/sandbox/campaigns/{campaign_id}/images/{n}") for n in range(count)]


async def test_five_pictures_arrive_prepared_upright_and_without_exif(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    paths = [
        make.write(tmp_path / "IMG_1001.jpg", make.photo(orientation=6, gps=True)),
        make.write(tmp_path / "logo.png", make.transparent_png()),
        make.write(tmp_path / "scan.png", make.png_16_bit()),
        make.write(tmp_path / "print.jpg", make.cmyk_jpeg()),
        make.write(tmp_path / "really-a-png.jpg", make.tiny_png((40, 30))),
    ]
    originals = [path.read_bytes() for path in paths]
    campaign = prepared_campaign(paths, tmp_path / "cache")

    campaign_id = await send(sandbox, campaign)

    responses = fetched(sandbox, campaign_id, 5)
    uploads = campaign.uploads()
    assert uploads is not None
    assert [response.content for response in responses] == [picture.path.read_bytes() for picture in uploads]
    assert sum(len(response.content) for response in responses) <= 600_000
    decoded = [Image.open(io.BytesIO(response.content)) for response in responses]
    assert all(max(image.size) <= 1280 and image.format == "JPEG" for image in decoded)
    assert all(not make.has_exif_segment(response.content) for response in responses)
    assert all(response.headers["content-type"] == "image/jpeg" for response in responses)
    photo, logo = decoded[0], decoded[1]
    assert photo.height > photo.width and photo.getpixel((photo.width - 5, 5))[0] > 180  # type: ignore[index]
    assert min(logo.getpixel((0, 0))) >= 245  # type: ignore[arg-type]
    assert decoded[4].size == (40, 30)
    listed = sandbox.campaigns()[0]["images"]
    assert [image["filename"] for image in listed] == [
        "IMG_1001.jpg",
        "logo.jpg",
        "scan.jpg",
        "print.jpg",
        "really-a-png.jpg",
    ]
    assert [path.read_bytes() for path in paths] == originals


async def test_animated_gif_arrives_as_a_gif(sandbox: SandboxServer, tmp_path: Path) -> None:
    path = make.write(tmp_path / "dance.gif", make.animated_gif())

    campaign_id = await send(sandbox, prepared_campaign([path], tmp_path / "cache"))

    [response] = fetched(sandbox, campaign_id, 1)
    assert response.headers["content-type"] == "image/gif"
    assert getattr(Image.open(io.BytesIO(response.content)), "n_frames", 1) == 6


async def test_file_deleted_after_picking_is_caught_before_sending(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    kept = make.write(tmp_path / "kept.png", make.tiny_png())
    gone = make.write(tmp_path / "gone.jpg", make.photo(800, 600))
    campaign = prepared_campaign([kept, gone], tmp_path / "cache")
    gone.unlink()

    with pytest.raises(NotSent) as refused:
        await send(sandbox, campaign)

    assert "“gone.jpg” was deleted or moved after you attached it" in refused.value.user_message
    assert "The campaign was not sent" in refused.value.user_message
    assert sandbox.campaigns() == []
    assert kept.exists()
