"""The live transcript pane: greyed tail, times on hover, auto-scroll that pauses and resumes."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from desktop.asr.base import Segment
from desktop.ui.transcript_view import SEGMENT_PROPERTY, TranscriptView


def make_view(qtbot) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(300, 120)
    view.show()
    return view


def fill(view: TranscriptView, count: int, start: float = 0.0) -> None:
    for i in range(count):
        t = start + i * 3.0
        view.add_committed((Segment(t, t + 2.5, f"Sentence number {i} of the consultation."),))


def test_committed_text_and_tentative_tail(qtbot):
    view = make_view(qtbot)
    view.add_committed((Segment(0.0, 2.0, "I have a cough."),))
    view.set_tentative("and a sore")
    assert view.committed_text() == "I have a cough."
    assert view.tentative_text() == "and a sore"
    view.set_tentative("and a sore throat")  # the tail is replaced, never appended
    assert view.toPlainText() == "I have a cough. and a sore throat"
    view.add_committed((Segment(2.0, 4.0, "And a sore throat."),))
    assert view.tentative_text() == ""
    assert view.committed_text() == "I have a cough. And a sore throat."


def test_each_word_knows_its_time(qtbot):
    view = make_view(qtbot)
    view.add_committed((Segment(61.0, 63.5, "Any allergies?"),))
    view.moveCursor(view.textCursor().MoveOperation.Start)
    rect = view.cursorRect()
    segment = view.segment_at(rect.center())
    assert segment is not None and segment.start == 61.0


def test_auto_scroll_pauses_when_the_doctor_scrolls_up_and_resumes_at_the_bottom(qtbot):
    view = make_view(qtbot)
    fill(view, 30)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # follows new text
    bar.setValue(0)  # the doctor scrolls up to read
    fill(view, 5, start=100.0)
    assert bar.value() == 0 and not view.is_following()
    bar.setValue(bar.maximum())  # back at the bottom
    fill(view, 5, start=200.0)
    assert view.is_following() and bar.value() == bar.maximum()


def test_evidence_is_highlighted(qtbot):
    view = make_view(qtbot)
    fill(view, 4)
    view.highlight_segments([2])
    assert view.highlighted_segments() == [2]
    view.highlight_segments([])
    assert view.highlighted_segments() == []


def test_settled_text_replaces_a_stretch_in_place_without_moving_the_reader(qtbot):
    view = make_view(qtbot)
    fill(view, 30)
    view.set_tentative("and then")
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)  # the doctor scrolled up to read
    reading = bar.value()
    assert not view.is_following()
    segments = view.segments()
    settled = [
        *segments[:20],
        Segment(60.0, 65.5, "Sentences twenty and twenty-one, settled."),
        *segments[22:],
    ]
    view.settle_to(settled)
    assert view.segments() == settled
    assert "Sentences twenty and twenty-one, settled." in view.committed_text()
    assert "Sentence number 21 " not in view.committed_text()
    assert view.tentative_text() == "and then"  # the tail is still there, after the text
    assert bar.value() == reading and not view.is_following()
    # each piece of text still knows its segment (and so its time on hover)
    for text, index in (("twenty-one", 20), ("Sentence number 22", 21), ("number 29", 28)):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.toPlainText().index(text) + 1)
        assert cursor.charFormat().property(SEGMENT_PROPERTY) == index


def test_settling_while_following_stays_at_the_end(qtbot):
    view = make_view(qtbot)
    fill(view, 30)
    assert view.is_following()
    segments = view.segments()
    view.settle_to([*segments[:28], Segment(84.0, 89.5, "The last two, settled.")])
    bar = view.verticalScrollBar()
    assert view.is_following() and bar.value() == bar.maximum()
    assert view.committed_text().endswith("The last two, settled.")
