"""Showing a TrustReport in the note editor: underlines with a reason, and the omissions list.

GUI thread only. ``TrustHighlighter`` underlines flagged spans of a QTextDocument (the report
must have been computed on that document's ``toPlainText()``); ``OmissionsPanel`` lists what
the note left out, each with Insert and Dismiss buttons that emit signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.trust import Flag, TrustReport

COLOURS = {  # by the flag's severity
    "amber": QColor("#d97706"),  # may be fine, look at it (a sentence not found, an age)
    "grey": QColor("#6b7280"),  # an omission
}
RISK_COLOUR = QColor("#dc2626")  # red: numbers, drugs, sides, negations, allergies


class TrustHighlighter(QSyntaxHighlighter):
    """Wavy underline under each flagged span; the flag's reason as the format's tooltip."""

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent or document)
        self.setDocument(document)
        self._flags: list[Flag] = []

    def set_report(self, report: TrustReport | None) -> None:
        flags = [f for f in report.flags if f.note_span] if report else []
        # Risk flags are drawn last, so their red wins over an "unsupported" sentence's amber.
        self._flags = sorted(flags, key=lambda f: f.severity == "red")
        self.rehighlight()

    def flags(self) -> list[Flag]:
        return list(self._flags)

    def tooltip_at(self, position: int) -> str | None:
        """The reasons of the flags over a document position (for the editor's tooltip event)."""
        reasons = [
            f.reason
            for f in self._flags
            if f.note_span and f.note_span[0] <= position < f.note_span[1]
        ]
        return "\n".join(reasons) if reasons else None

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        start, end = block.position(), block.position() + len(text)
        for flag in self._flags:
            assert flag.note_span is not None
            s, e = max(flag.note_span[0], start), min(flag.note_span[1], end)
            underline = _format(flag)
            for k in range(s - start, e - start):  # over a heading's or label's bold, not instead
                fmt = self.format(k)
                fmt.merge(underline)
                self.setFormat(k, 1, fmt)


def _format(flag: Flag) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(COLOURS.get(flag.severity, RISK_COLOUR))
    fmt.setToolTip(flag.reason)
    return fmt


class _OmissionRow(QWidget):
    insert_requested = Signal(object)
    dismiss_requested = Signal(object)

    def __init__(self, flag: Flag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag = flag
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(flag.text, self)
        self.label.setWordWrap(True)
        self.label.setToolTip(flag.reason)
        self.insert_button = QPushButton(self.tr("Insert"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.insert_button)
        layout.addWidget(self.dismiss_button)
        self.insert_button.clicked.connect(self._on_insert)
        self.dismiss_button.clicked.connect(self._on_dismiss)

    def _on_insert(self) -> None:
        self.insert_requested.emit(self.flag)

    def _on_dismiss(self) -> None:
        self.dismiss_requested.emit(self.flag)


class OmissionsPanel(QWidget):
    """What the consultation mentioned and the note did not; one click to insert or dismiss."""

    insert_requested = Signal(object)  # the omission Flag to insert into the note
    dismissed = Signal(object)  # the omission Flag the doctor dismissed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._empty = QLabel(self.tr("Nothing from the consultation seems missing."), self)
        self._layout.addWidget(self._empty)
        self._rows: list[_OmissionRow] = []
        self._dismissed: set[tuple[str, str]] = set()

    def set_omissions(self, flags: list[Flag]) -> None:
        """Show the omissions of a new report; ones the doctor dismissed stay hidden."""
        for row in self._rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = []
        for flag in flags:
            if flag.kind != "omission" or (flag.text, flag.reason) in self._dismissed:
                continue
            row = _OmissionRow(flag, self)
            row.insert_requested.connect(self.insert_requested)
            row.dismiss_requested.connect(self._on_dismiss)
            self._layout.addWidget(row)
            self._rows.append(row)
        self._empty.setVisible(not self._rows)

    def rows(self) -> list[_OmissionRow]:
        return list(self._rows)

    def _on_dismiss(self, flag: Flag) -> None:
        self._dismissed.add((flag.text, flag.reason))
        for row in [r for r in self._rows if r.flag == flag]:
            self._rows.remove(row)
            self._layout.removeWidget(row)
            row.deleteLater()
        self._empty.setVisible(not self._rows)
        self.dismissed.emit(flag)
