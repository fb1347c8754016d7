"""One line offering to make a repeated change a standing instruction ("You made this change in
the last 3 consultations: Bullet points in PLAN. Always do it for SOAP note?"), with one button
that accepts and one that says never. It is shown once per change (``desktop.notes.preferences``).

Threads: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from desktop.notes.preferences import STREAK, Change


class StandingOffer(QWidget):
    accepted = Signal(str, object)  # template id, Change
    declined = Signal(str, object)  # template id, Change ("never")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offer: tuple[str, Change] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 2, 2)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Always do it"), self)
        self.never_button = QPushButton(self.tr("Never"), self)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Not now"))
        row.addWidget(self.label, 1)
        for widget in (self.accept_button, self.never_button, self.close_button):
            row.addWidget(widget)
        self.setStyleSheet("StandingOffer { background:#eef6ff; border-radius:3px; }")
        self.accept_button.clicked.connect(self._on_accept)
        self.never_button.clicked.connect(self._on_never)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, template_id: str, title: str, change: Change) -> None:
        self._offer = (template_id, change)
        self.label.setText(
            self.tr(
                "Same change in the last {n} consultations: “{change}”. Always do it for {doc}?"
            ).format(n=STREAK, change=change.standing, doc=title)
        )
        self.show()

    def _on_accept(self) -> None:
        if self._offer is not None:
            self.accepted.emit(*self._offer)
        self._offer = None
        self.hide()

    def _on_never(self) -> None:
        if self._offer is not None:
            self.declined.emit(*self._offer)
        self._offer = None
        self.hide()
