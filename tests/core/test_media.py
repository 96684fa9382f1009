"""MMS picture checks on real files: pictures known by content, everything else refused in plain words."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PIL import Image

import vitedesk
from vitedesk.core.media import (
    MAX_IMAGES,
    MMS_SIZE_LIMIT,
    ImageCheck,
    ImageRejected,
    check_image,
    content_type_for,
    format_size,
    size_warning,
    sniff,
)


def picture_bytes(fmt: str, size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def rejection(path: Path) -> str:
    with pytest.raises(ImageRejected) as caught:
        check_image(path)
    assert caught.value.path == path
    assert str(caught.value) == caught.value.user_message
    return caught.value.user_message


def test_max_images_is_the_api_limit() -> None:
    assert MAX_IMAGES == 5


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("PNG", "image/png"),
        ("JPEG", "image/jpeg"),
        ("GIF", "image/gif"),
        ("WEBP", "image/webp"),
        ("BMP", "image/bmp"),
    ],
)
def test_real_pictures_are_accepted_with_type_and_size(tmp_path: Path, fmt: str, content_type: str) -> None:
    data = picture_bytes(fmt)
    path = write(tmp_path / f"picture.{fmt.lower()}", data)

    check = check_image(path)

    assert check == ImageCheck(path=path, content_type=content_type, size=len(data))
    assert content_type_for(path) == content_type


def test_type_comes_from_content_not_from_the_file_name(tmp_path: Path) -> None:
    jpeg_named_png = write(tmp_path / "holiday.png", picture_bytes("JPEG"))
    png_without_extension = write(tmp_path / "scan", picture_bytes("PNG"))

    assert check_image(jpeg_named_png).content_type == "image/jpeg"
    assert check_image(png_without_extension).content_type == "image/png"


def test_pdf_is_refused_with_its_name_and_what_to_attach(tmp_path: Path) -> None:
    path = write(
        tmp_path / "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    )

    assert (
        rejection(path) == "“report.pdf” is a PDF document, not an image. Attach JPEG, PNG or GIF pictures."
    )


def test_pdf_renamed_to_jpg_is_still_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.jpg", b"%PDF-1.4\n" + b"0" * 100)

    assert "“photo.jpg” is a PDF document" in rejection(path)


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "numbers.txt", "+12025550143\nCafé ☕ list\n".encode())

    assert rejection(path) == "“numbers.txt” is a text file, not a picture. Attach JPEG, PNG or GIF pictures."


def test_text_cut_inside_a_multibyte_character_is_still_text(tmp_path: Path) -> None:
    # 63 ASCII bytes then a 3-byte character: the 64-byte header ends in its middle.
    path = write(tmp_path / "notes.txt", ("a" * 63 + "€ and more").encode())

    assert "is a text file" in rejection(path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.png", b"")

    message = rejection(path)

    assert message.startswith("“blank.png” is empty (0 bytes)")
    assert "Attach JPEG, PNG or GIF pictures." in message


def test_missing_file_is_refused(tmp_path: Path) -> None:
    message = rejection(tmp_path / "gone.jpg")

    assert message.startswith("“gone.jpg” could not be found.")
    assert "attach it again" in message


def test_impossible_paths_are_refused_as_not_found(tmp_path: Path) -> None:
    picture = write(tmp_path / "a.png", picture_bytes("PNG"))

    assert rejection(tmp_path / "bad\x00name.png").startswith("“bad\x00name.png” could not be found.")
    assert rejection(picture / "inside.png").startswith("“inside.png” could not be found.")


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Holiday"
    folder.mkdir()

    assert rejection(folder) == (
        "“Holiday” is a folder, not a picture. Open the folder and attach the pictures inside it."
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)

    assert "is not an ordinary file" in rejection(pipe)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00", "is an AVIF picture"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "is a video, not a picture"),
        (b"II*\x00\x08\x00\x00\x00", "is a TIFF image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is a compressed folder or an Office document"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "is an SVG drawing"),
        (b"\x00\x01\x02\x03\xfe\xfd\xfc", "is not a picture ViteDesk recognises"),
        (b"BM but not a bitmap at all", "is a text file"),
    ],
)
def test_other_files_are_named_for_what_they_are(tmp_path: Path, head: bytes, expected: str) -> None:
    path = write(tmp_path / "upload.jpg", head)

    message = rejection(path)

    assert message.startswith(f"“upload.jpg” {expected}")
    assert message.endswith(".")


def test_heic_is_recognised_from_its_content() -> None:
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == "image/heic"
    assert sniff(b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00") == "image/heic"


def test_sniff_needs_more_than_two_letters_for_a_bitmap() -> None:
    assert sniff(b"BM") is None
    assert sniff(picture_bytes("BMP")[:32]) == "image/bmp"


# Run by an unprivileged child when the tests run as root (root may read any file).
CHECK_AS_ANOTHER_USER = """
import os, sys
from pathlib import Path
try:
    from vitedesk.core.media import ImageRejected, check_image
except (ImportError, OSError):
    sys.exit(3)  # this user cannot read the installation: nothing to test
assert os.geteuid() != 0
try:
    check_image(Path(sys.argv[1]))
except ImageRejected as rejected:
    print(rejected.user_message)
"""


def _unreadable_file() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="vitedesk-perm-"))
    folder.chmod(0o755)
    path = folder / "secret.png"
    path.write_bytes(picture_bytes("PNG"))
    path.chmod(0o000)
    return path


def test_file_without_read_permission_is_refused(tmp_path: Path) -> None:
    path = _unreadable_file()
    try:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # root reads anything: check as an ordinary user in a child process instead.
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("running as root and setpriv (util-linux) is missing: cannot drop privileges")
            env = {**os.environ, "PYTHONPATH": str(Path(vitedesk.__file__).parents[1]), "HOME": str(tmp_path)}
            command = [
                setpriv,
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                sys.executable,
                "-c",
                CHECK_AS_ANOTHER_USER,
            ]
            result = subprocess.run(
                [*command, str(path)], capture_output=True, text=True, env=env, check=False
            )
            if result.returncode == 3:
                pytest.skip("an unprivileged user cannot read this Python installation")
            assert result.returncode == 0, result.stderr
            message = result.stdout.strip()
        else:
            try:
                with path.open("rb"):
                    pytest.skip("this account can read files without read permission")
            except PermissionError:
                pass
            message = rejection(path)
    finally:
        path.chmod(0o600)
        shutil.rmtree(path.parent)

    assert message == (
        "ViteDesk is not allowed to open “secret.png”. Copy the picture to a folder of your own "
        "(for example Pictures) and attach the copy."
    )


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (999, "999 bytes"),
        (820_400, "820 KB"),
        (1_400_000, "1.4 MB"),
        (40_000_000, "40 MB"),
    ],
)
def test_sizes_read_like_a_file_manager(size: int, text: str) -> None:
    assert format_size(size) == text


def test_small_pictures_get_no_size_warning(tmp_path: Path) -> None:
    checks = [ImageCheck(tmp_path / f"{n}.jpg", "image/jpeg", 150_000) for n in range(5)]

    assert size_warning(checks) is None
    assert size_warning([]) is None


def test_one_huge_photo_is_named_with_its_size(tmp_path: Path) -> None:
    checks = [ImageCheck(tmp_path / "beach.jpg", "image/jpeg", 40_000_000)]

    warning = size_warning(checks)

    assert warning is not None
    assert warning.startswith("“beach.jpg” is large (40 MB).")
    assert "Carriers often refuse picture messages over about 1.0 MB" in warning
    assert "smaller copies" in warning


def test_pictures_that_add_up_past_the_limit_are_warned_about(tmp_path: Path) -> None:
    checks = [ImageCheck(tmp_path / f"{n}.jpg", "image/jpeg", 400_000) for n in range(3)]

    warning = size_warning(checks)

    assert warning is not None
    assert warning.startswith("The 3 pictures add up to 1.2 MB.")


def test_largest_picture_is_pointed_out_when_it_alone_is_too_big(tmp_path: Path) -> None:
    checks = [
        ImageCheck(tmp_path / "small.png", "image/png", 10_000),
        ImageCheck(tmp_path / "huge.jpg", "image/jpeg", MMS_SIZE_LIMIT * 3),
    ]

    warning = size_warning(checks)

    assert warning is not None
    assert warning.startswith("The 2 pictures add up to 3.0 MB; “huge.jpg” alone is 3.0 MB.")
