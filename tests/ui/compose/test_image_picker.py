"""ImagePicker: real drops with file URLs, refusals said inline, thumbnails, remove and reorder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.ui_drag import drop_files, url_drag
from PySide6.QtCore import QElapsedTimer, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QImage

from vitedesk.core.media import MAX_IMAGES, format_size
from vitedesk.ui.compose.images import ImagePicker
from vitedesk.ui.compose.preparing import PictureOptions


def make_png(path: Path, color: str = "teal", size: tuple[int, int] = (320, 200)) -> Path:
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


@pytest.fixture
def picker(qtbot) -> ImagePicker:
    widget = ImagePicker()
    qtbot.addWidget(widget)
    widget.resize(700, 320)
    widget.show()
    return widget


def test_dropping_pictures_attaches_them_in_order(qtbot, picker: ImagePicker, tmp_path: Path) -> None:
    first = make_png(tmp_path / "first.png", "red")
    second = make_png(tmp_path / "second.png", "blue")
    seen: list[list[Path]] = []
    picker.imagesChanged.connect(seen.append)
    entered, dropped = drop_files(picker, [first, second])
    assert (entered, dropped) == (True, True)
    # Pictures are read off the UI thread: each may be announced as it arrives, the order never changes.
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == [first, second])
    assert all(list_ == [first, second][: len(list_)] for list_ in seen)
    assert picker.images() == [first, second]
    assert picker.countLabel.text().startswith(f"2 / {MAX_IMAGES} images · ")
    assert picker.refusal_text() == ""


def test_drop_onto_the_thumbnail_area_works_too(qtbot, picker: ImagePicker, tmp_path: Path) -> None:
    photo = make_png(tmp_path / "photo.png")
    entered, dropped = drop_files(picker.thumbnails.viewport(), [photo])
    assert (entered, dropped) == (True, True)
    assert picker.images() == [photo]


def test_web_links_are_not_accepted_as_a_drop(picker: ImagePicker) -> None:
    assert url_drag(picker, [QUrl("https://example.com/cat.png")]) == (False, False)


def test_pdf_is_refused_with_a_sentence(picker: ImagePicker, tmp_path: Path) -> None:
    pdf = tmp_path / "price list.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    drop_files(picker, [pdf])
    assert picker.images() == []
    assert "“price list.pdf” is a PDF document, not an image" in picker.refusal_text()
    assert picker.refusalNotice.isVisible()


def test_sixth_picture_is_refused_and_the_first_five_kept(picker: ImagePicker, tmp_path: Path) -> None:
    paths = [
        make_png(tmp_path / f"p{index}.png", color)
        for index, color in enumerate(["red", "green", "blue", "orange", "purple", "gray"])
    ]
    refusals = picker.add_files(paths)
    assert picker.images() == paths[:5]
    assert len(refusals) == 1
    assert "“p5.png” was not added: you can attach at most 5 images" in refusals[0]
    assert refusals[0] in picker.refusal_text()
    assert picker.countLabel.text().startswith("5 / 5 images")
    assert not picker.addButton.isEnabled()


def test_duplicate_and_unreadable_files_are_refused(picker: ImagePicker, tmp_path: Path) -> None:
    photo = make_png(tmp_path / "photo.png")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)  # PNG signature, no picture
    missing = tmp_path / "gone.jpg"
    refusals = picker.add_files([photo, photo, broken, missing])
    assert picker.images() == [photo]
    assert refusals[0] == "“photo.png” is already attached."
    assert "“broken.png” looks like a picture but cannot be opened" in refusals[1]
    assert "“gone.jpg” could not be found" in refusals[2]


def test_refusal_notice_can_be_dismissed(qtbot, picker: ImagePicker, tmp_path: Path) -> None:
    note = tmp_path / "notes.txt"
    note.write_text("not a picture")
    picker.add_files([note])
    assert picker.refusalNotice.isVisible()
    qtbot.mouseClick(picker.refusalNotice.closeButton, Qt.MouseButton.LeftButton)
    assert not picker.refusalNotice.isVisible()
    assert picker.refusal_text() == ""


def test_thumbnail_is_made_off_thread_and_shown(qtbot, picker: ImagePicker, tmp_path: Path) -> None:
    photo = make_png(tmp_path / "big.png", "navy", (3000, 2000))
    picker.add_files([photo])
    item = picker.thumbnails.item(0)

    def thumbnail() -> QImage:
        return item.icon().pixmap(96, 96).toImage()

    qtbot.waitUntil(lambda: thumbnail().pixelColor(48, 48) == QColor("navy"))
    # 3000 x 2000 scaled into 96 x 96 keeps its aspect: 96 x 64, centred, transparent above and below.
    assert thumbnail().pixelColor(48, 10).alpha() == 0
    assert thumbnail().pixelColor(48, 20) == QColor("navy")


def test_remove_button_delete_key_and_keyboard_reorder(qtbot, picker: ImagePicker, tmp_path: Path) -> None:
    a, b, c = (
        make_png(tmp_path / f"{name}.png", color)
        for name, color in (("a", "red"), ("b", "green"), ("c", "blue"))
    )
    picker.add_files([a, b, c])
    view = picker.thumbnails
    # Click the × of the first tile.
    tile = view.visualRect(view.model().index(0, 0))
    button = view.delegate.button_rect(tile).center()
    with qtbot.waitSignal(picker.imagesChanged) as changed:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button)
    assert changed.args[0] == [b, c]
    # Ctrl+Right moves the selected picture later in the send order.
    view.setFocus()
    view.setCurrentRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert picker.images() == [c, b]
    # Delete removes the selected one.
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert picker.images() == [c]
    assert picker.countLabel.text().startswith("1 / 5 images")


def test_internal_model_move_reorders_and_notifies(qtbot, picker: ImagePicker, tmp_path: Path) -> None:
    a, b = make_png(tmp_path / "a.png"), make_png(tmp_path / "b.png", "pink")
    picker.add_files([a, b])
    with qtbot.waitSignal(picker.imagesChanged) as changed:
        picker.thumbnails.model().moveRow(picker.thumbnails.rootIndex(), 1, picker.thumbnails.rootIndex(), 0)
    assert changed.args[0] == [b, a]


def test_large_picture_is_prepared_and_shows_both_sizes(qtbot, tmp_path: Path) -> None:
    picker = ImagePicker(options=PictureOptions(tmp_path / "cache", budget=150_000))
    qtbot.addWidget(picker)
    side = 1700
    pixels = os.urandom(side * side * 3)  # noise does not compress: about 8.7 MB as PNG
    noisy = QImage(pixels, side, side, side * 3, QImage.Format.Format_RGB888).copy()
    path = tmp_path / "holiday.png"
    noisy.save(str(path), "PNG", 100)
    assert path.stat().st_size > 8_000_000
    picker.add_files([path])
    assert picker.prepared() == [None] and "preparing" in picker.countLabel.text()

    qtbot.waitUntil(lambda: picker.prepared()[0] is not None, timeout=20_000)

    [copy] = picker.prepared()
    assert copy is not None and copy.size <= 150_000 and max(copy.width, copy.height) <= 1280
    assert copy.path.parent == tmp_path / "cache"
    item = picker.thumbnails.item(0)
    assert item.text().splitlines()[1] == f"{format_size(path.stat().st_size)} → {format_size(copy.size)}"
    # Noise is the worst case for JPEG: it had to give up a lot, and says so.
    assert copy.note is not None and "softer" in item.text() and "holiday.png" in picker.sizeNotice.text()


def test_set_images_replaces_and_reports_missing_files(picker: ImagePicker, tmp_path: Path) -> None:
    a = make_png(tmp_path / "a.png")
    picker.add_files([a])
    b = make_png(tmp_path / "b.png")
    refusals = picker.set_images([b, tmp_path / "deleted.png"])
    assert picker.images() == [b]
    assert len(refusals) == 1 and "“deleted.png” could not be found" in refusals[0]


def test_picture_that_fails_to_decode_is_removed_with_a_sentence(
    qtbot, picker: ImagePicker, tmp_path: Path
) -> None:
    good = make_png(tmp_path / "good.png", size=(400, 300))
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(good.read_bytes()[:60])  # header and size survive, the pixels do not
    picker.add_files([truncated])
    qtbot.waitUntil(lambda: picker.images() == [] and "“truncated.png”" in picker.refusal_text())
    assert "cannot be opened" in picker.refusal_text()


def test_a_40_mb_photo_is_attached_thumbnailed_and_warned_about_without_freezing(
    qtbot, picker: ImagePicker, tmp_path: Path
) -> None:
    side = 3_700  # noise hardly compresses: a PNG of about 41 MB, 13.7 megapixels
    noisy = QImage(os.urandom(side * side * 3), side, side, side * 3, QImage.Format.Format_RGB888).copy()
    path = tmp_path / "camera.png"
    assert noisy.save(str(path), "PNG", 0)
    assert path.stat().st_size > 40_000_000
    del noisy

    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    clock.start()
    ticker.start()
    with qtbot.waitSignal(picker._preparer.loaded, timeout=20_000) as thumbnail:
        assert drop_files(picker, [path]) == (True, True)
    qtbot.waitUntil(lambda: picker.prepared()[0] is not None, timeout=20_000)
    ticker.stop()

    assert thumbnail.args[0] == str(path) and not thumbnail.args[2].isNull()

    assert picker.images() == [path]
    assert picker.countLabel.text().startswith(f"1 / {MAX_IMAGES} images · 41 MB → ")
    # The decode happened off the UI thread: the event loop kept ticking (no stall near the decode's seconds).
    assert max(gaps) < 1_000
