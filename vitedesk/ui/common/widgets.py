"""Small pieces the screen parts share: named widgets, palette-derived tints and an inline notice."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

AnyWidget = TypeVar("AnyWidget", bound=QWidget)


def named(widget: AnyWidget, name: str) -> AnyWidget:
    """``widget`` with its objectName set (the typed stubs take no ``objectName=`` keyword)."""
    widget.setObjectName(name)
    return widget


def group_box(title: str, name: str, *widgets: QWidget) -> QGroupBox:
    """A titled frame [name] holding ``widgets`` one under the other."""
    box = named(QGroupBox(title), name)
    box.setAccessibleName(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def scrolling(widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a frameless scroll area [name] that Tab passes over (small screens, large scaling)."""
    area = named(QScrollArea(), name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the scrolling frame
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(widget)
    return area


class Tone(StrEnum):
    """How serious a message is, the one vocabulary of every notice: done, a hint, check this, it blocks."""

    SUCCESS = "success"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# Hues only: the actual colours are blended into the current palette, so light and dark themes both work.
_TONE_HUES = {
    Tone.SUCCESS: QColor(46, 125, 50),
    Tone.INFO: QColor(40, 120, 230),
    Tone.WARNING: QColor(240, 165, 0),
    Tone.ERROR: QColor(220, 50, 50),
}
# Strong edge colours (the send result's stripe), dark enough to stand out on light and dark palettes.
_TONE_EDGES = {
    Tone.SUCCESS: QColor("#2e7d32"),
    Tone.INFO: QColor("#1565c0"),
    Tone.WARNING: QColor("#b26a00"),
    Tone.ERROR: QColor("#c62828"),
}


def edge_colour(tone: Tone) -> QColor:
    """The colour that marks the edge of a message of ``tone``."""
    return QColor(_TONE_EDGES[tone])


def blend(base: QColor, accent: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0..1) of the way towards ``accent``."""
    keep = 1.0 - amount
    return QColor(
        round(base.red() * keep + accent.red() * amount),
        round(base.green() * keep + accent.green() * amount),
        round(base.blue() * keep + accent.blue() * amount),
    )


def tint(
    palette: QPalette,
    tone: Tone,
    role: QPalette.ColorRole = QPalette.ColorRole.Window,
    strength: float = 1.0,
) -> QColor:
    """A soft background for ``tone`` over the palette's ``role`` colour (stronger on dark palettes)."""
    base = palette.color(role)
    amount = (0.32 if base.lightness() < 128 else 0.22) * strength
    return blend(base, _TONE_HUES[tone], min(amount, 1.0))


def tone_text(palette: QPalette, tone: Tone) -> QColor:
    """Readable text for ``tone``: the palette's text colour nudged towards the hue."""
    return blend(palette.color(QPalette.ColorRole.WindowText), _TONE_HUES[tone], 0.45)


class InlineNotice(QFrame):
    """A tinted one-or-more-line message inside a form, optionally with a × to dismiss it (not a modal)."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None, *, dismissable: bool = True) -> None:
        super().__init__(parent)
        self._tone = Tone.WARNING
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        self.row = layout  # label, then any buttons a user of the notice inserts, then the ×
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label, 1)
        self.closeButton = QToolButton(self)
        self.closeButton.setText("×")
        self.closeButton.setAutoRaise(True)
        self.closeButton.setToolTip("Dismiss this message")
        self.closeButton.setAccessibleName("Dismiss message")
        self.closeButton.clicked.connect(self.dismiss)
        self.closeButton.setVisible(dismissable)
        layout.addWidget(self.closeButton, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self._apply_palette()

    def show_message(self, text: str, tone: Tone = Tone.WARNING) -> None:
        """Show ``text`` (hides the notice when empty)."""
        self._tone = tone
        self.label.setText(text)
        self.setAccessibleName(f"{tone.value.capitalize()}: {text}" if text else "")
        self._apply_palette()
        self.setVisible(bool(text))

    def text(self) -> str:
        """The message shown, or "" when the notice is hidden or dismissed."""
        return "" if self.isHidden() else self.label.text()

    def dismiss(self) -> None:
        self.label.clear()
        self.hide()
        self.dismissed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        # Sets only our own roles; the guard makes the PaletteChange this causes a no-op.
        parent = self.parentWidget()
        source = parent.palette() if parent is not None else self.palette()
        palette = QPalette(self.palette())
        background = tint(source, self._tone)
        text = source.color(QPalette.ColorRole.WindowText)
        if (
            palette.color(QPalette.ColorRole.Window) == background
            and palette.color(QPalette.ColorRole.WindowText) == text
        ):
            return
        palette.setColor(QPalette.ColorRole.Window, background)
        palette.setColor(QPalette.ColorRole.WindowText, text)
        self.setPalette(palette)
