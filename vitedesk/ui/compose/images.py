"""MMS picture picker: drop zone, Add images…, thumbnails with remove and reorder, refusals said inline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import (
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QIcon,
    QImage,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.media import (
    MAX_IMAGES,
    MMS_SIZE_LIMIT,
    ImageCheck,
    ImageRejected,
    check_image,
    format_size,
    quoted_name,
    same_file,
    size_warning,
)
from vitedesk.ui.common.file_drops import take_files
from vitedesk.ui.common.widgets import InlineNotice, Tone, tint
from vitedesk.ui.compose.thumbnails import (
    THUMBNAIL,
    TILE,
    ThumbnailList,
    ThumbnailLoader,
    can_decode,
    image_dimensions,
    on_canvas,
)

_PATH_ROLE = Qt.ItemDataRole.UserRole
_CHECK_ROLE = Qt.ItemDataRole.UserRole + 1
IMAGE_FILTER = "Pictures (*.jpg *.jpeg *.png *.gif *.webp *.bmp);;All files (*)"


def _damaged_sentence(path: Path) -> str:
    return (
        f"{quoted_name(path)} looks like a picture but cannot be opened; it may be damaged. "
        "Open and save it again, or choose another picture."
    )


class ImagePicker(QWidget):
    """Pictures for an MMS, in send order. imagesChanged(list[Path]) fires on every change."""

    imagesChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePicker")
        self.setAccessibleName("Pictures (MMS)")
        self.setAcceptDrops(True)
        self._checks: dict[str, ImageCheck] = {}

        self.countLabel = QLabel(self)
        self.countLabel.setObjectName("imageCount")
        self.countLabel.setAccessibleName("Pictures attached")
        self.addButton = QPushButton("Add images…", self)
        self.addButton.setObjectName("addImagesButton")
        self.addButton.setAccessibleName("Add images")
        self.thumbnails = ThumbnailList(self)
        self.thumbnails.setObjectName("imageThumbnails")
        self.thumbnails.setAccessibleName("Attached pictures")
        self.thumbnails.setAccessibleDescription(
            "Delete removes the selected picture; Ctrl+Left and Ctrl+Right change the sending order."
        )
        self.thumbnails.placeholder = (
            "Drop pictures here, or click Add images… (JPEG, PNG or GIF; at most 5)."
        )
        self.refusalNotice = InlineNotice(self, dismissable=True)
        self.refusalNotice.setObjectName("imageRefusal")
        self.sizeNotice = InlineNotice(self, dismissable=False)
        self.sizeNotice.setObjectName("imageSizeWarning")

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.countLabel, 1)
        header.addWidget(self.addButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.thumbnails, 1)
        layout.addWidget(self.refusalNotice)
        layout.addWidget(self.sizeNotice)
        QWidget.setTabOrder(self.addButton, self.thumbnails)

        self._loader = ThumbnailLoader(THUMBNAIL, self)
        self._loader.ready.connect(self._on_thumbnail)
        self.addButton.clicked.connect(self.choose_files)
        self.thumbnails.filesDropped.connect(self._on_dropped)
        self.thumbnails.removeRequested.connect(self.remove_at)
        self.thumbnails.moveRequested.connect(self.move_image)
        self.thumbnails.model().rowsMoved.connect(self._on_reordered)
        self._refresh_labels()

    # -- public API ---------------------------------------------------------------------------------

    def images(self) -> list[Path]:
        """Attached pictures in send order."""
        return [Path(self.thumbnails.item(row).data(_PATH_ROLE)) for row in range(self.thumbnails.count())]

    def set_images(self, paths: Iterable[Path | str]) -> list[str]:
        """Replace the pictures (e.g. from a draft); returns and shows refusals for files no longer usable."""
        self.thumbnails.clear()
        self._checks.clear()
        self.refusalNotice.dismiss()
        refusals = self._add(paths)
        self._show_refusals(refusals)
        self._changed()
        return refusals

    def add_files(self, paths: Iterable[Path | str]) -> list[str]:
        """Attach ``paths`` after the current pictures; returns the refusal sentences (also shown inline)."""
        refusals = self._add(paths)
        self._show_refusals(refusals)
        self._changed()
        return refusals

    def remove_at(self, row: int) -> None:
        """Remove the picture at ``row`` (no-op when out of range)."""
        if not 0 <= row < self.thumbnails.count():
            return
        item = self.thumbnails.takeItem(row)
        if item is not None:
            self._checks.pop(str(item.data(_PATH_ROLE)), None)
        self._changed()

    def move_image(self, row: int, to_row: int) -> None:
        """Move the picture at ``row`` to ``to_row`` (send order); out-of-range moves are ignored."""
        count = self.thumbnails.count()
        if not (0 <= row < count and 0 <= to_row < count) or row == to_row:
            return
        item = self.thumbnails.takeItem(row)
        self.thumbnails.insertItem(to_row, item)
        self.thumbnails.setCurrentRow(to_row)
        self._changed()

    def choose_files(self) -> None:
        """Ask for pictures with the system file dialog and attach the chosen ones."""
        paths, _filter = QFileDialog.getOpenFileNames(self, "Add images", "", IMAGE_FILTER)
        if paths:
            self.add_files(paths)

    def refusal_text(self) -> str:
        return self.refusalNotice.text()

    # -- drops on the whole picker ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:  # also called for moves
        if take_files(event):
            self.thumbnails.set_drag_over(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.thumbnails.set_drag_over(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self.thumbnails.set_drag_over(False)
        paths = take_files(event)
        if paths:
            self._on_dropped(paths)
        else:
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "thumbnails"):
            for row in range(self.thumbnails.count()):
                self._style_item(self.thumbnails.item(row))
        super().changeEvent(event)

    # -- behaviour ------------------------------------------------------------------------------------

    @Slot(list)
    def _on_dropped(self, paths: list[Path]) -> None:
        self.add_files(paths)

    def _add(self, paths: Iterable[Path | str]) -> list[str]:
        refusals: list[str] = []
        for raw in paths:
            path = Path(raw)
            sentence = self._refusal_for(path)
            if sentence:
                refusals.append(sentence)
                continue
            self._append(path)
        return refusals

    def _refusal_for(self, path: Path) -> str:
        attached = self.images()
        if any(same_file(path, existing) for existing in attached):
            return f"{quoted_name(path)} is already attached."
        try:
            check = check_image(path)
        except ImageRejected as rejected:
            return rejected.user_message
        if len(attached) >= MAX_IMAGES:
            return (
                f"{quoted_name(path)} was not added: you can attach at most {MAX_IMAGES} images to one MMS. "
                "Remove one first if you want to swap it."
            )
        if not can_decode(path):
            return _damaged_sentence(path)
        self._checks[str(path)] = check
        return ""

    def _append(self, path: Path) -> None:
        check = self._checks[str(path)]
        item = QListWidgetItem(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon), "")
        item.setData(_PATH_ROLE, str(path))
        item.setData(_CHECK_ROLE, check.size)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        dimensions = image_dimensions(path)
        size_text = format_size(check.size)
        font = self.font()
        font.setBold(check.size > MMS_SIZE_LIMIT)
        name = QFontMetrics(font).elidedText(path.name, Qt.TextElideMode.ElideMiddle, TILE.width() - 16)
        item.setText(f"{name}\n{size_text}")
        detail = f"{dimensions.width()} × {dimensions.height()} pixels, " if dimensions.isValid() else ""
        item.setToolTip(f"{path}\n{detail}{size_text}")
        self._style_item(item)
        self.thumbnails.addItem(item)
        self._loader.request(path)

    def _style_item(self, item: QListWidgetItem) -> None:
        size = int(item.data(_CHECK_ROLE) or 0)
        name = Path(str(item.data(_PATH_ROLE))).name
        if size > MMS_SIZE_LIMIT:
            item.setBackground(tint(self.palette(), Tone.WARNING, QPalette.ColorRole.Base))
            font = self.font()
            font.setBold(True)
            item.setFont(font)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}, {format_size(size)}, large")
        else:
            item.setData(Qt.ItemDataRole.BackgroundRole, None)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}, {format_size(size)}")

    @Slot(str, QImage)
    def _on_thumbnail(self, key: str, image: QImage) -> None:
        for row in range(self.thumbnails.count()):
            item = self.thumbnails.item(row)
            if item.data(_PATH_ROLE) != key:
                continue
            if image.isNull():
                # The header looked fine but the picture itself does not decode: refuse it after all.
                self.thumbnails.takeItem(row)
                self._checks.pop(key, None)
                self._show_refusals([_damaged_sentence(Path(key))])
                self._changed()
            else:
                item.setIcon(QIcon(QPixmap.fromImage(on_canvas(image))))
            return

    def _on_reordered(self, *_args: object) -> None:
        self._changed()

    def _show_refusals(self, refusals: Sequence[str]) -> None:
        if refusals:
            self.refusalNotice.show_message("\n".join(refusals), Tone.ERROR)

    def _changed(self) -> None:
        self._refresh_labels()
        self.imagesChanged.emit(self.images())

    def _refresh_labels(self) -> None:
        paths = self.images()
        checks = [self._checks[str(path)] for path in paths if str(path) in self._checks]
        total = sum(check.size for check in checks)
        text = f"{len(paths)} / {MAX_IMAGES} images"
        if paths:
            text += f" · {format_size(total)}"
        self.countLabel.setText(text)
        full = len(paths) >= MAX_IMAGES
        self.addButton.setEnabled(not full)
        self.addButton.setToolTip(
            f"{MAX_IMAGES} pictures are attached, the most one MMS can carry. Remove one to add another."
            if full
            else f"Choose up to {MAX_IMAGES} pictures to send as an MMS."
        )
        warning = size_warning(checks)
        self.sizeNotice.show_message(warning or "", Tone.WARNING)
