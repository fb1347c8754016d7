"""Small widgets of the main window: level meter, elapsed time, message bar.

Threads: GUI thread only.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget


class LevelMeter(QWidget):
    """A thin horizontal bar showing the microphone level (0..1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.0
        self.setFixedHeight(8)
        self.setMinimumWidth(60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Microphone level"))

    def set_level(self, level: float) -> None:
        level = max(0.0, min(1.0, level))
        if abs(level - self._level) > 0.005:
            self._level = level
            self.update()

    def level(self) -> float:
        return self._level

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(self.palette().mid().color())
        painter.setBrush(self.palette().base().color())
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(Qt.PenStyle.NoPen)
        if self._level > 0:
            filled = QRectF(rect.x(), rect.y(), rect.width() * self._level, rect.height())
            colour = QColor("#2e9d57") if self._level < 0.8 else QColor("#d9822b")
            painter.setBrush(colour)
            painter.drawRoundedRect(filled, 3, 3)


def format_elapsed(seconds: float) -> str:
    total = int(max(0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class MessageBar(QWidget):
    """An inline message at the top of the window (errors, notices), dismissible."""

    closed = Signal()

    STYLES: ClassVar[dict[str, str]] = {
        "error": "background:#fdecea; color:#611a15; border:1px solid #f5c2bd;",
        "warning": "background:#fff4e5; color:#663c00; border:1px solid #ffd8a8;",
        "info": "background:#e8f1fb; color:#0d3c61; border:1px solid #b9d4f1;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, *, kind: str = "error", details: str = "") -> None:
        self.setStyleSheet(f"MessageBar {{{self.STYLES[kind]} border-radius:4px;}}")
        self.label.setText(text)
        self.label.setToolTip(details)
        self.setProperty("kind", kind)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()
