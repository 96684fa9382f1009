"""MMS picture picker: drop zone, Add images…, thumbnails with remove and reorder, refusals said inline."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
    ImageCheck,
    ImageRejected,
    check_image,
    format_size,
    quoted_name,
    same_file,
)
from vitedesk.ui.common.file_drops import take_files
from vitedesk.ui.common.widgets import InlineNotice, Tone, tint
from vitedesk.ui.compose.preparing import PictureOptions, PicturePreparer
from vitedesk.ui.compose.thumbnails import TILE, ThumbnailList, can_decode, on_canvas

if TYPE_CHECKING:
    from vitedesk.core.pictures import LoadedPicture, PreparedPicture

_PATH_ROLE = Qt.ItemDataRole.UserRole
_CHECK_ROLE = Qt.ItemDataRole.UserRole + 1
IMAGE_FILTER = "Pictures (*.jpg *.jpeg *.png *.gif *.webp *.heic *.heif *.bmp);;All files (*)"


def _damaged_sentence(path: Path) -> str:
    return (
        f"{quoted_name(path)} looks like a picture but cannot be opened; it may be damaged. "
        "Open and save it again, or choose another picture."
    )


class ImagePicker(QWidget):
    """Pictures for an MMS, in send order. imagesChanged(list[Path]) fires on every change."""

    imagesChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None, options: PictureOptions | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePicker")
        self.setAccessibleName("Pictures (MMS)")
        self.setAcceptDrops(True)
        self._checks: dict[str, ImageCheck] = {}
        self._loaded: dict[str, LoadedPicture] = {}
        self._prepared: dict[str, PreparedPicture] = {}
        self._generation = 0

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
            "Drop pictures here, or click Add images… (photos, screenshots, GIF; at most 5)."
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

        # Without options (tests, previews) prepared copies go to the system's temporary folder.
        default = PictureOptions(Path(tempfile.gettempdir()) / "vitedesk-pictures")
        self._preparer = PicturePreparer(options or default, self)
        self._preparer.loaded.connect(self._on_loaded)
        self._preparer.refused.connect(self._on_refused)
        self._preparer.prepared.connect(self._on_prepared)
        self._preparer.budgetRefused.connect(self._on_budget_refused)
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

    def prepared(self) -> list[PreparedPicture | None]:
        """The copies to upload, in send order; None for a picture still being prepared."""
        return [self._prepared.get(str(path)) for path in self.images()]

    def set_limits(self, budget: int, edge: int) -> None:
        """New picture limits (from the settings): the attached pictures are prepared again with them."""
        options = self._preparer.options
        if (options.budget, options.edge) != (budget, edge):
            self._preparer.options = dataclasses.replace(options, budget=budget, edge=edge)
            self.set_images(self.images())

    def set_images(self, paths: Iterable[Path | str]) -> list[str]:
        """Replace the pictures (e.g. from a draft); returns and shows refusals for files no longer usable."""
        self.thumbnails.clear()
        self._checks.clear()
        self._loaded.clear()
        self.refusalNotice.dismiss()
        refusals = self._add(paths)
        self._show_refusals(refusals)
        self._reprepare()
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
            self._forget(str(item.data(_PATH_ROLE)))
        self._reprepare()

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
        # Qt reads the header at once (no HEIC reader in Qt: Pillow decides for those, on the worker).
        if check.content_type != "image/heic" and not can_decode(path):
            return _damaged_sentence(path)
        self._checks[str(path)] = check
        return ""

    def _append(self, path: Path) -> None:
        item = QListWidgetItem(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon), "")
        item.setData(_PATH_ROLE, str(path))
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        self._style_item(item)
        self.thumbnails.addItem(item)
        self._preparer.load(path)

    def _style_item(self, item: QListWidgetItem) -> None:
        """Name, "4.1 MB → 112 KB" (or "preparing…"), and a warning tint when quality dropped a lot."""
        key = str(item.data(_PATH_ROLE))
        path = Path(key)
        check = self._checks.get(key)
        copy = self._prepared.get(key)
        original = format_size(check.size) if check is not None else ""
        sizes = f"{original} → {format_size(copy.size)}" if copy is not None else f"{original} → preparing…"
        note = copy.note if copy is not None else None
        name = QFontMetrics(self.font()).elidedText(
            path.name, Qt.TextElideMode.ElideMiddle, TILE.width() - 16
        )
        item.setText(f"{name}\n{sizes}" + ("\n⚠ softer" if note else ""))
        detail = f"{copy.width} × {copy.height} pixels as sent, " if copy is not None else ""
        item.setToolTip(f"{path}\n{detail}{sizes}" + (f"\n{note}" if note else ""))
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole, f"{path.name}, {sizes}" + (f", {note}" if note else "")
        )
        if note:
            item.setBackground(tint(self.palette(), Tone.WARNING, QPalette.ColorRole.Base))
        else:
            item.setData(Qt.ItemDataRole.BackgroundRole, None)

    def _row_of(self, key: str) -> int:
        return next(
            (
                row
                for row in range(self.thumbnails.count())
                if self.thumbnails.item(row).data(_PATH_ROLE) == key
            ),
            -1,
        )

    def _forget(self, key: str) -> None:
        self._checks.pop(key, None)
        self._loaded.pop(key, None)
        self._prepared.pop(key, None)

    @Slot(str, object, QImage)
    def _on_loaded(self, key: str, picture: LoadedPicture, thumbnail: QImage) -> None:
        row = self._row_of(key)
        if row < 0:
            return  # removed while it was being decoded
        self._loaded[key] = picture
        self.thumbnails.item(row).setIcon(QIcon(QPixmap.fromImage(on_canvas(thumbnail))))
        self._reprepare()

    @Slot(str, str)
    def _on_refused(self, key: str, sentence: str) -> None:
        row = self._row_of(key)
        if row < 0:
            return
        self.thumbnails.takeItem(row)
        self._forget(key)
        self._add_refusal(sentence)
        self._reprepare()

    def _reprepare(self) -> None:
        """Start a budget pass once every picture is decoded (the budget is shared: any change redoes it)."""
        self._generation += 1
        self._prepared.clear()
        keys = [str(path) for path in self.images()]
        if keys and all(key in self._loaded for key in keys):
            self._preparer.prepare(self._generation, [self._loaded[key] for key in keys])
        for row in range(self.thumbnails.count()):
            self._style_item(self.thumbnails.item(row))
        self._changed()

    @Slot(int, list)
    def _on_prepared(self, generation: int, copies: list[PreparedPicture]) -> None:
        if generation != self._generation:
            return
        self._prepared = {str(copy.source): copy for copy in copies}
        for row in range(self.thumbnails.count()):
            self._style_item(self.thumbnails.item(row))
        self._changed()

    @Slot(int, str, str)
    def _on_budget_refused(self, generation: int, key: str, sentence: str) -> None:
        if generation != self._generation:
            return
        self._add_refusal(sentence)
        row = self._row_of(key) if key else -1
        if row >= 0:
            self.thumbnails.takeItem(row)
            self._forget(key)
            self._reprepare()

    def _on_reordered(self, *_args: object) -> None:
        self._changed()

    def _add_refusal(self, sentence: str) -> None:
        """A refusal that arrives later (from the worker) joins those already shown."""
        shown = self.refusalNotice.text()
        self._show_refusals([shown, sentence] if shown else [sentence])

    def _show_refusals(self, refusals: Sequence[str]) -> None:
        if refusals:
            self.refusalNotice.show_message("\n".join(refusals), Tone.ERROR)

    def _changed(self) -> None:
        self._refresh_labels()
        self.imagesChanged.emit(self.images())

    def _refresh_labels(self) -> None:
        paths = self.images()
        keys = [str(path) for path in paths]
        original = sum(self._checks[key].size for key in keys if key in self._checks)
        text = f"{len(paths)} / {MAX_IMAGES} images"
        copies = [self._prepared[key] for key in keys if key in self._prepared]
        if paths and len(copies) == len(keys):
            text += f" · {format_size(original)} → {format_size(sum(copy.size for copy in copies))} to send"
        elif paths:
            text += f" · {format_size(original)}, preparing…"
        self.countLabel.setText(text)
        full = len(paths) >= MAX_IMAGES
        self.addButton.setEnabled(not full)
        self.addButton.setToolTip(
            f"{MAX_IMAGES} pictures are attached, the most one MMS can carry. Remove one to add another."
            if full
            else f"Choose up to {MAX_IMAGES} pictures to send as an MMS."
        )
        softened = [copy.source.name for copy in copies if copy.note]
        warning = ""
        if softened:
            budget = format_size(self._preparer.options.budget)
            warning = (
                f"To fit the {budget} a picture message may carry, {', '.join(softened)} had to be "
                "compressed a lot and may look softer. Attach fewer pictures for sharper ones."
            )
        self.sizeNotice.show_message(warning, Tone.WARNING)
