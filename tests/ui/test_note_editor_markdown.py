"""The editor shows a streamed draft's Markdown as formatting, never as asterisks (issue 25)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication

from desktop import document_format
from desktop.ui.clipboard import ClipboardWriter
from desktop.ui.note_editor import DocumentEditor

DRAFT = (
    "**SOAP Note**\n\n**SUBJECTIVE:**\n- **Reason for the Visit:** Headache for two days.\n"
    "- **History:** No prior episodes.\n\n**PLAN:**\n- Paracetamol 1 g as needed."
)


def _bold_spans(editor: DocumentEditor) -> list[str]:
    text = editor.toPlainText()
    out = []
    block = editor.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.fontWeight() == QFont.Weight.Bold:
                start = block.position() + r.start
                out.append(text[start : start + r.length])
        block = block.next()
    return out


def _stream(editor: DocumentEditor, text: str, size: int = 7) -> None:
    editor.begin_stream()
    for k in range(0, len(text), size):
        editor.append_stream(text[k : k + size])


def test_streamed_markdown_lands_as_clean_formatted_text(qtbot) -> None:
    editor = DocumentEditor("soap")
    qtbot.addWidget(editor)
    _stream(editor, DRAFT)
    shown = editor.toPlainText()
    finished = shown[: shown.rfind("\n")]  # the last line is cleaned when it ends
    assert "*" not in finished and "SOAP Note" not in shown
    assert shown.startswith("SUBJECTIVE:\n- Reason for the Visit: Headache for two days.\n")
    assert document_format.clean_markdown(shown) == document_format.clean_markdown(DRAFT)
    assert {"SUBJECTIVE:", "Reason for the Visit:", "History:", "PLAN:"} <= set(_bold_spans(editor))


def test_copy_of_the_clean_draft_has_no_markers(qtbot) -> None:
    editor = DocumentEditor("soap")
    qtbot.addWidget(editor)
    editor.setPlainText(document_format.clean_markdown(DRAFT))
    ClipboardWriter().copy_document(editor.toPlainText(), caps_headings=False, clear_after_s=0)
    mime = QGuiApplication.clipboard().mimeData()
    assert "*" not in mime.text() and "*" not in mime.html()
    assert "<h3>SUBJECTIVE</h3>" in mime.html()
    assert "<b>Reason for the Visit:</b>" in mime.html()
    assert mime.text().startswith("SUBJECTIVE\n- Reason for the Visit: Headache")


def test_an_underlined_label_stays_bold(qtbot) -> None:
    from desktop.asr.base import Segment
    from desktop.trust import check

    editor = DocumentEditor("soap")
    qtbot.addWidget(editor)
    editor.setPlainText("- Reason for the Visit: chest pain radiating to the left arm.")
    report = check(editor.toPlainText(), [Segment(0.0, 1.0, "[patient] I have a cough.")])
    assert report.flags  # the whole sentence is underlined
    editor.set_report(report)
    assert "Reason for the Visit:" in _bold_spans(editor)
