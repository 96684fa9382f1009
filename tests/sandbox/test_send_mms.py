"""MMS sends as multipart/form-data with real image bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from helpers.sandbox_helpers import (
    BASIC,
    BUSINESS,
    ENTERPRISE,
    PDF_BYTES,
    SandboxClient,
    image_bytes,
    png_files,
)

from vitedesk.sandbox import SandboxServer

Account = Callable[[str], SandboxClient]


def test_an_mms_with_png_and_jpeg_is_accepted_and_described(account: Account, sandbox: SandboxServer) -> None:
    png, jpeg = image_bytes("PNG"), image_bytes("JPEG", (40, 30))

    response = account(BUSINESS).send_mms(
        [("image_0", ("logo.png", png, "image/png")), ("image_1", ("photo.jpg", jpeg, "image/jpeg"))],
        lead="15551234567\n15557654321",
    )

    assert response.status_code == 201
    assert response.json() == {"id": 981, "status": "SENDING"}
    campaign = sandbox.campaigns()[0]
    assert (campaign["protocol"], campaign["message"]) == ("MMS", "Look")
    assert campaign["leads"] == ["+15551234567", "+15557654321"]
    assert campaign["images"] == [
        {
            "field": "image_0",
            "filename": "logo.png",
            "content_type": "image/png",
            "size": len(png),
            "sha256": hashlib.sha256(png).hexdigest(),
            "format": "PNG",
        },
        {
            "field": "image_1",
            "filename": "photo.jpg",
            "content_type": "image/jpeg",
            "size": len(jpeg),
            "sha256": hashlib.sha256(jpeg).hexdigest(),
            "format": "JPEG",
        },
    ]


def test_five_images_of_several_megabytes_are_accepted(account: Account, sandbox: SandboxServer) -> None:
    big = image_bytes("PNG", (1000, 1000), noise=True)
    files = [(f"image_{index}", (f"big{index}.png", big, "image/png")) for index in range(5)]

    response = account(ENTERPRISE).send_mms(files, server_type="PRIVATE", server_id="svm-ent-2")

    assert len(big) > 3_000_000
    assert response.status_code == 201
    assert [image["size"] for image in sandbox.campaigns()[0]["images"]] == [len(big)] * 5


def test_a_long_lead_list_fits_in_a_form_field(account: Account, sandbox: SandboxServer) -> None:
    lead = "\n".join(f"1555{number:07d}" for number in range(100_000))

    response = account(ENTERPRISE).send_mms(png_files(1), lead=lead)

    assert len(lead) > 1024 * 1024
    assert response.status_code == 201
    assert len(sandbox.campaigns()[0]["leads"]) == 100_000


def test_more_than_five_images_is_400(account: Account, sandbox: SandboxServer) -> None:
    files = [*png_files(5), ("image_5", ("extra.png", image_bytes("PNG"), "image/png"))]

    response = account(BUSINESS).send_mms(files)

    assert response.status_code == 400
    assert response.json() == {"images": ["Send at most 5 images per message; this request has 6."]}
    assert sandbox.campaigns() == []


def test_a_pdf_sent_as_an_image_is_400(account: Account) -> None:
    response = account(BUSINESS).send_mms([("image_0", ("flyer.pdf", PDF_BYTES, "image/png"))])

    assert response.status_code == 400
    assert response.json() == {
        "image_0": [
            "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
        ]
    }


def test_a_truncated_image_is_400(account: Account) -> None:
    png = image_bytes("PNG", (64, 64), noise=True)

    response = account(BUSINESS).send_mms(
        [
            ("image_0", ("ok.png", png, "image/png")),
            ("image_1", ("cut.png", png[: len(png) // 2], "image/png")),
        ]
    )

    assert response.status_code == 400
    assert list(response.json()) == ["image_1"]


def test_an_empty_file_is_400(account: Account) -> None:
    response = account(BUSINESS).send_mms([("image_0", ("empty.png", b"", "image/png"))])

    assert response.status_code == 400
    assert response.json() == {"image_0": ["The submitted file is empty."]}


def test_images_under_unexpected_names_are_400(account: Account) -> None:
    response = account(BUSINESS).send_mms([("picture", ("a.png", image_bytes(), "image/png"))])

    assert response.status_code == 400
    assert list(response.json()) == ["picture"]


def test_mms_without_images_is_400(account: Account) -> None:
    response = account(BUSINESS).send_mms([])

    assert response.status_code == 400
    assert response.json() == {"images": ["An MMS needs at least one image, sent as image_0."]}


def test_images_on_an_sms_are_400(account: Account) -> None:
    response = account(BUSINESS).send_mms(png_files(1), protocol="SMS")

    assert response.status_code == 400
    assert response.json() == {"images": ['Images can only be sent with protocol "MMS".']}


def test_mms_on_the_basic_licence_is_403(account: Account, sandbox: SandboxServer) -> None:
    response = account(BASIC).send_mms(png_files(1))

    assert response.status_code == 403
    assert "MMS" in response.json()["detail"]
    assert sandbox.campaigns() == []


@pytest.mark.parametrize("username", [BUSINESS, ENTERPRISE])
def test_a_form_encoded_sms_is_accepted_too(account: Account, sandbox: SandboxServer, username: str) -> None:
    client = account(username)
    response = client.http.post(
        "/api/messages/send/", data={"lead": "15551234567", "message": "Form"}, headers=client.auth
    )

    assert response.status_code == 201
    assert sandbox.campaigns()[0]["message"] == "Form"


def test_the_same_image_field_twice_is_400(account: Account) -> None:
    twice = [
        ("image_0", ("a.png", image_bytes(), "image/png")),
        ("image_0", ("b.png", image_bytes(), "image/png")),
    ]

    response = account(BUSINESS).send_mms(twice)

    assert response.status_code == 400
    assert list(response.json()) == ["image_0"]


def test_uploaded_images_are_served_back_as_received(account: Account, sandbox: SandboxServer) -> None:
    client = account(BUSINESS)
    png, jpeg = image_bytes("PNG", (30, 20)), image_bytes("JPEG", (40, 30), noise=True)
    response = client.send_mms(
        [("image_0", ("logo.png", png, "image/png")), ("image_1", ("photo.jpg", jpeg, "image/jpeg"))]
    )
    campaign_id = response.json()["id"]

    first = client.http.get(f"/sandbox/campaigns/{campaign_id}/images/0")
    second = client.http.get(f"/sandbox/campaigns/{campaign_id}/images/1")

    assert (first.status_code, first.content, first.headers["content-type"]) == (200, png, "image/png")
    assert (second.status_code, second.content, second.headers["content-type"]) == (200, jpeg, "image/jpeg")
    listed = sandbox.campaigns()[0]["images"]
    assert [(image["size"], image["sha256"], image["format"]) for image in listed] == [
        (len(png), hashlib.sha256(png).hexdigest(), "PNG"),
        (len(jpeg), hashlib.sha256(jpeg).hexdigest(), "JPEG"),
    ]
    for missing in (f"{campaign_id}/images/2", f"{campaign_id}/images/-1", "9999/images/0", "x/images/0"):
        assert client.http.get(f"/sandbox/campaigns/{missing}").status_code == 404
