"""The reorderable strip of picture tiles (the thumbnails are made off the UI thread by compose.preparing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from vitedesk.ui.common.file_drops import take_files

THUMBNAIL = QSize(96, 96)
TILE = QSize(132, 168)  # picture, name, sizes and a note line


def can_decode(path: Path) -> bool:
    """True when Qt recognises the picture at ``path`` and can read its size (reads only the header)."""
    reader = QImageReader(str(path))
    return reader.canRead() and reader.size().isValid()


def on_canvas(image: QImage) -> QImage:
    """``image`` centred on a transparent THUMBNAIL-sized canvas, so every caption sits at the same height."""
    canvas = QImage(THUMBNAIL, QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.drawImage(
        QPoint((THUMBNAIL.width() - image.width()) // 2, (THUMBNAIL.height() - image.height()) // 2), image
    )
    painter.end()
    return canvas


class RemoveDelegate(QStyledItemDelegate):
    """Paints each tile plus a round × in its corner; a click on the × asks to remove that picture."""

    removeClicked = Signal(int)

    def button_rect(self, tile: QRect) -> QRect:
        side = 22
        return QRect(tile.right() - side - 2, tile.top() + 2, side, side)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        # Tiles: picture on top, name and size centred underneath.
        option.decorationPosition = QStyleOptionViewItem.Position.Top
        option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(TILE.width() - 6, TILE.height() - 6)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        tile = QStyleOptionViewItem(option)
        tile.rect = option.rect.adjusted(4, 6, -4, -2)
        super().paint(painter, tile, index)
        rect = self.button_rect(option.rect)
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Button))
        painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "×")
        painter.restore()

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        on_button = isinstance(event, QMouseEvent) and self.button_rect(option.rect).contains(
            event.position().toPoint()
        )
        if on_button and event.type() == QEvent.Type.MouseButtonRelease:
            self.removeClicked.emit(index.row())
            return True
        if on_button and event.type() == QEvent.Type.MouseButtonPress:
            return True  # pressing the × neither selects nor starts a drag
        return super().editorEvent(event, model, option, index)


class ThumbnailList(QListWidget):
    """Tiles left to right; drag inside to reorder; files dropped from outside go to the picker."""

    filesDropped = Signal(list)
    removeRequested = Signal(int)
    moveRequested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(THUMBNAIL)
        self.setGridSize(TILE)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumHeight(TILE.height() + 8)
        self.placeholder = ""
        self.drag_over = False
        self.delegate = RemoveDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.removeClicked.connect(self.removeRequested)

    def set_drag_over(self, active: bool) -> None:
        """Highlight the drop zone while files are dragged over the picker."""
        if self.drag_over != active:
            self.drag_over = active
            self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.source() is not self and take_files(event):
            self.set_drag_over(True)
            return
        super().dragEnterEvent(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.set_drag_over(False)
        super().dragLeaveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.source() is not self and take_files(event):
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = take_files(event) if event.source() is not self else []
        self.set_drag_over(False)
        if paths:
            self.filesDropped.emit(paths)
            return
        super().dropEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        if row >= 0 and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit(row)
            return
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if row >= 0 and ctrl and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.moveRequested.emit(row, row + (1 if event.key() == Qt.Key.Key_Right else -1))
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() and not self.drag_over:
            return
        painter = QPainter(self.viewport())
        role = QPalette.ColorRole.Highlight if self.drag_over else QPalette.ColorRole.Mid
        pen = QPen(self.palette().color(role), 2 if self.drag_over else 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(self.viewport().rect().adjusted(4, 4, -5, -5), 6, 6)
        if self.count() == 0 and self.placeholder:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(12, 8, -12, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
