"""TrustHighlighter underlines flagged spans with their reason; OmissionsPanel's buttons emit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QTextEdit

from desktop.asr.base import Segment
from desktop.trust import check
from desktop.ui.trust_view import OmissionsPanel, TrustHighlighter

TRANSCRIPT = [
    Segment(0.0, 1.0, "[doctor] you take lisinopril 20 mg a day, and metformin?"),
    Segment(1.0, 2.0, "[patient] yes, both."),
    Segment(2.0, 3.0, "[patient] my right knee hurts."),
]
NOTE = "Right knee pain.\nTakes lisinopril 40 mg daily."


def _underlined(document: QTextDocument) -> list[tuple[int, int, str]]:
    out = []
    block = document.begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                start = block.position() + r.start
                out.append((start, start + r.length, r.format.toolTip()))
        block = block.next()
    return out


def test_flagged_dose_is_underlined_with_its_reason(qtbot) -> None:
    editor = QTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(NOTE)
    highlighter = TrustHighlighter(editor.document())
    report = check(editor.toPlainText(), TRANSCRIPT)
    highlighter.set_report(report)
    underlined = _underlined(editor.document())
    start = NOTE.index("40 mg")
    assert underlined == [
        (start, start + 5, "The consultation gives lisinopril as 20 mg, not 40 mg.")
    ]
    assert highlighter.tooltip_at(start + 1) == underlined[0][2]
    assert highlighter.tooltip_at(0) is None
    highlighter.set_report(None)
    assert _underlined(editor.document()) == []


def test_omissions_panel_insert_and_dismiss(qtbot) -> None:
    report = check(NOTE, TRANSCRIPT)
    omissions = report.flags_of("omission")
    assert [f.text for f in omissions] == ["metformin"]
    panel = OmissionsPanel()
    qtbot.addWidget(panel)
    panel.set_omissions(report.flags)
    [row] = panel.rows()
    assert row.label.text() == "metformin"
    with qtbot.waitSignal(panel.insert_requested) as inserted:
        qtbot.mouseClick(row.insert_button, Qt.MouseButton.LeftButton)
    assert inserted.args == [omissions[0]]
    with qtbot.waitSignal(panel.dismissed) as dismissed:
        qtbot.mouseClick(row.dismiss_button, Qt.MouseButton.LeftButton)
    assert dismissed.args == [omissions[0]]
    assert panel.rows() == []
    panel.set_omissions(report.flags)  # a re-check after an edit keeps it dismissed
    assert panel.rows() == []


def test_an_age_from_the_record_is_underlined_amber_a_wrong_number_red(qtbot) -> None:
    editor = QTextEdit()
    qtbot.addWidget(editor)
    note = "A 61-year-old with right knee pain.\nTakes lisinopril 40 mg daily."
    editor.setPlainText(note)
    highlighter = TrustHighlighter(editor.document())
    highlighter.set_report(check(note, TRANSCRIPT))
    colours = {}
    block = editor.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                text = note[block.position() + r.start : block.position() + r.start + r.length]
                colours[text] = r.format.underlineColor().name()
        block = block.next()
    assert colours == {"61-year-old": "#d97706", "40 mg": "#dc2626"}


def test_a_sentence_written_twice_is_underlined_amber(qtbot) -> None:
    """A repeated sentence is a fault of the writing, not a wrong fact: amber, not red."""
    editor = QTextEdit()
    qtbot.addWidget(editor)
    line = "My right knee hurts, takes lisinopril 20 mg a day."
    note = f"{line}\nPlan: {line}"
    editor.setPlainText(note)
    highlighter = TrustHighlighter(editor.document())
    highlighter.set_report(check(note, TRANSCRIPT))
    found = []
    block = editor.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                start = block.position() + r.start
                found.append((note[start : start + r.length], r.format.underlineColor().name()))
        block = block.next()
    assert found == [(f"Plan: {line}", "#d97706")]
