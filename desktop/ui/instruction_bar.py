"""The instruction line under the document: ask for a change ("shorter", "bullets in the plan",
"the dose was 5 mg"), see it highlighted in the document, Accept (Enter) or Discard (Esc).

Ctrl+K puts the cursor in the line. Holding the Speak button, or F8 anywhere in the window,
dictates the instruction (speak, let go). While the change is being written the line shows what is
happening and Esc (or Cancel) stops it; nothing in the document changes until Accept, and Undo
then takes the whole change back in one step. What the consultation contradicts is shown in red
with the consultation's words; what nobody said is listed too. The instructions the doctor
accepted for a document are the doctor's own statements (evidence for the checks): the bar
emits them (``accepted``) and reads them back through ``evidence_source``; the session keeps
them with the document, in the store.

Threads: GUI thread only. The bar never talks to the controller; the main window wires it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.notes.revise import UnclearInstruction
from desktop.notes.text_diff import counts
from desktop.progress import WAITING_FOR_FIRST_WORDS
from desktop.session.dictation import DictationFailed
from desktop.session.revisions import RevisionRefused, RevisionResult
from desktop.ui.messages import error_message, progress_message
from desktop.ui.note_editor import DocumentTabs
from desktop.ui.revision_preview import Preview

DICTATE_KEY = Qt.Key.Key_F8  # held anywhere in the window: speak an instruction, let go


class InstructionBar(QWidget):
    revise_requested = Signal(str, str, str)  # template id, document text, instruction
    dictate_pressed = Signal()  # hold to speak an instruction
    dictate_released = Signal()
    cancel_requested = Signal()
    accepted = Signal(str, str)  # template id, the instruction (now evidence for the document)

    def __init__(self, *, documents: DocumentTabs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._documents = documents
        self._preview = Preview(self)
        self._result: RevisionResult | None = None
        self._running = False
        # template id -> the instructions accepted for it (the session's; none until wired)
        self.evidence_source: Callable[[str], list[str]] = lambda _template_id: []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(
            self.tr("Ask for a change: “shorter”, “bullets in the plan”, “the dose was 5 mg”…")
        )
        self.line.setToolTip(self.tr("Ctrl+K. Enter sends; Esc cancels."))
        self.line.setClearButtonEnabled(True)
        self.mic_button = QToolButton(self)
        self.mic_button.setText(self.tr("Speak"))
        self.mic_button.setToolTip(
            self.tr("Hold (or hold F8), say the change (“shorter”, “the dose was 5 mg”), let go.")
        )
        self.send_button = QPushButton(self.tr("Revise"), self)
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setToolTip(self.tr("Keep the change (Enter). Undo takes it back."))
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setToolTip(self.tr("Drop the change (Esc)."))
        widgets = (self.line, self.mic_button, self.send_button)
        for widget in (*widgets, self.accept_button, self.discard_button):
            row.addWidget(widget, 1 if widget is self.line else 0)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.line.returnPressed.connect(self._on_enter)
        self.send_button.clicked.connect(self._on_send_clicked)
        self.mic_button.pressed.connect(self.dictate_pressed)
        self.mic_button.released.connect(self.dictate_released)
        self.accept_button.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self.discard)
        self.shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.focus_line)
        self._key_held = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # F8 is held while another widget has the focus
        self._show_idle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """F8 pressed and released in this window: dictation, as the Speak button."""
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != DICTATE_KEY or event.isAutoRepeat():
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window():
            return False
        if kind == QEvent.Type.KeyPress and not self._key_held and self.mic_button.isVisible():
            self._key_held = True
            self.dictate_pressed.emit()
        elif kind == QEvent.Type.KeyRelease and self._key_held:
            self._key_held = False
            self.dictate_released.emit()
        return True

    # --- asking ------------------------------------------------------------------------------

    def focus_line(self) -> None:
        self.line.setFocus()
        self.line.selectAll()

    def _on_enter(self) -> None:
        if self._result is not None:
            self.accept()
        elif not self._running:
            self.send()

    def _on_send_clicked(self) -> None:
        if self._running:
            self.cancel_requested.emit()
        else:
            self.send()

    def send(self) -> None:
        editor = self._documents.current()
        if editor is None or self._result is not None:
            return
        self.revise_requested.emit(editor.template_id, editor.toPlainText(), self.line.text())

    def keyPressEvent(self, event: object) -> None:  # Esc anywhere in the bar
        key = getattr(event, "key", lambda: None)()
        if key == Qt.Key.Key_Escape:
            self.escape()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def escape(self) -> None:
        if self._running:
            self.cancel_requested.emit()
        elif self._result is not None:
            self.discard()

    # --- what the session reports ---------------------------------------------------------

    def on_listening(self) -> None:
        self.status.setStyleSheet("color:#166534;")
        self.status.setText(self.tr("Listening… let go when you have said the change."))

    def on_transcribing(self) -> None:
        self.status.setStyleSheet("color:#555;")
        self.status.setText(self.tr("Writing down what you said…"))

    def on_heard(self, text: str) -> None:
        """A dictated instruction: shown in the line, then sent as if typed."""
        self.line.setText(text)
        self.status.setText("")
        if not self._running and self._result is None:
            self.send()

    def on_started(self, _template_id: str) -> None:
        self._running = True
        self.send_button.setText(self.tr("Cancel"))
        self.line.setReadOnly(True)
        self.status.setStyleSheet("color:#555;")
        self.status.setText(self.tr("Writing the change…"))

    def on_waiting(self, progress: object) -> None:
        if progress is None or not self._running:
            return
        stage = getattr(progress, "stage", "")
        if stage == WAITING_FOR_FIRST_WORDS:
            self.status.setText(self.tr("Reading the part to change…"))
        else:
            self.status.setText(progress_message(stage))

    def on_streamed(self, so_far: str) -> None:
        """The answer so far: its last words show that it is coming."""
        tail = " ".join(so_far.split())[-90:]
        self.status.setText(self.tr("Writing the change… {tail}").format(tail=tail))

    def on_draft_started(self, _template_id: str) -> None:
        """A new draft replaces the text: a change on show is dropped."""
        self.discard()

    def on_new_encounter(self, _encounter: object) -> None:
        """Another consultation: its documents have their own instructions."""
        self.discard()

    def evidence_for(self, template_id: str) -> list[str]:
        return list(self.evidence_source(template_id))

    def on_cancelled(self) -> None:
        self._running = False
        self._show_idle()
        self.status.setText(self.tr("Cancelled: the document is unchanged."))

    def on_failed(self, exc: BaseException) -> None:
        self._running = False
        self._show_idle()
        self.status.setStyleSheet("color:#b91c1c;")
        self.status.setText(
            self.tr("{reason} The document is unchanged.").format(reason=self._reason(exc))
        )

    def _reason(self, exc: BaseException) -> str:
        if isinstance(exc, UnclearInstruction):
            return self.tr(
                "This does not say what to change: try “shorter”, “bullets in the plan” or "
                "“the dose was 5 mg”."
            )
        if isinstance(exc, DictationFailed):
            return self.tr(
                "Nothing usable was heard: hold the button while you speak, then let go."
            )
        if isinstance(exc, RevisionRefused):
            return self.tr("A draft or another change is being written: ask again when it is done.")
        return error_message(exc)[0]

    def on_ready(self, result: RevisionResult) -> None:
        self._running = False
        editor = self._documents.editors().get(result.template_id)
        if editor is None:
            self._show_idle()
            return
        if not result.revision.changed:
            self._show_idle()
            self.status.setText(self.tr("The instruction changed nothing."))
            return
        self._result = result
        self._documents.show_document(result.template_id)
        flags = [*result.check.contradictions, *result.check.unsupported]
        self._preview.show(editor, result.revision.diff, flags)
        self._show_choice(result)

    # --- the doctor's choice --------------------------------------------------------------

    def accept(self) -> None:
        result, self._result = self._result, None
        if result is None:
            return
        self._preview.accept(result.revision.new)
        self.accepted.emit(result.template_id, result.revision.instruction)
        self.line.clear()
        self._show_idle()
        self.status.setText(self.tr("Change kept. Undo (Ctrl+Z) takes it back."))

    def discard(self) -> None:
        if self._result is None:
            return
        self._result = None
        editor = self._preview.close()
        if editor is not None:
            editor.setFocus()
        self._show_idle()
        self.status.setText(self.tr("Change discarded: the document is unchanged."))

    @property
    def previewing(self) -> bool:
        return self._result is not None

    # --- looks ---------------------------------------------------------------------------

    def _show_idle(self) -> None:
        self.send_button.setText(self.tr("Revise"))
        self.send_button.show()
        self.mic_button.show()
        self.accept_button.hide()
        self.discard_button.hide()
        self.line.setReadOnly(False)
        self.status.setStyleSheet("color:#555;")
        self.status.setText("")

    def _show_choice(self, result: RevisionResult) -> None:
        self.send_button.hide()
        self.mic_button.hide()
        self.accept_button.show()
        self.discard_button.show()
        self.line.setReadOnly(True)
        inserted, removed = counts(result.revision.diff)
        text = self.tr("Words: +{ins} −{rem}. Enter keeps the change, Esc drops it.").format(
            ins=inserted, rem=removed
        )
        lines = [text]
        for flag in result.check.contradictions:
            lines.append(
                self.tr("Contradicts the consultation: “{text}” — it said: “{said}”").format(
                    text=flag.text, said=flag.evidence_text
                )
            )
        for flag in result.check.unsupported[:3]:
            lines.append(self.tr("Not said by anyone: “{text}”").format(text=flag.text))
        red = bool(result.check.contradictions or result.check.unsupported)
        self.status.setStyleSheet("color:#b91c1c;" if red else "color:#166534;")
        self.status.setText("\n".join(lines))
        self.accept_button.setFocus()
