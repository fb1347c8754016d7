"""UI test helpers: a main window wired to a real Controller with fake backends."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.asr.fake import FakeTranscriber
from desktop.asr.vad import load_vad_model
from desktop.audio.file_source import FileSource, read_audio
from desktop.audio.recorder import WavRecorder
from desktop.notes.base import NoteWriter, Template
from desktop.notes.fake import FakeNoteWriter
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.ui.i18n import install_translators
from desktop.ui.main_window import MainWindow, WindowOptions

TEMPLATES = [
    Template(id="soap", language="en", title="SOAP note", kind="note", instructions="Write SOAP."),
    Template(
        id="letter", language="en", title="Referral letter", kind="letter", instructions="Letter."
    ),
]


@pytest.fixture(autouse=True, scope="session")
def _vad_model_loaded() -> None:
    """As the app does at start-up (``App.__init__``): the VAD's session made on this thread."""
    load_vad_model()


@pytest.fixture(autouse=True)
def controllers_stopped(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every Controller a test makes is shut down after it, and its threads waited for: a
    recording's workers (the second pass, the speaker labelling) outliving their test ran into
    the next one's, and a controller collected while one of them still ran crashed the run."""
    made: list[weakref.ref[Controller]] = []
    build = Controller.__init__

    def remembered(self: Controller, *args: object, **kwargs: object) -> None:
        build(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append(weakref.ref(self))

    monkeypatch.setattr(Controller, "__init__", remembered)
    yield
    for ref in made:
        controller = ref()
        if controller is None:
            continue
        controller.shutdown(timeout=10.0)
        qtbot.waitUntil(lambda c=controller: not c.background_work(), timeout=15_000)


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The French translator installed for one test, English again after it."""
    saved = QLocale()
    assert install_translators(qapp, "fr") == "fr"
    yield
    install_translators(qapp, "en")
    QLocale.setDefault(saved)  # other tests see the locale they started with


@pytest.fixture
def make_window(qtbot, tmp_path: Path, data_dir: Path) -> Callable[..., MainWindow]:
    speech = read_audio(data_dir / "jfk_16k_mono.wav")

    def build(
        *,
        writer: NoteWriter | None = None,
        options: WindowOptions | None = None,
        open_source: Callable[[], object] | None = None,
        budget_tokens: int = 6000,
    ) -> MainWindow:
        services = Services(
            load_transcriber=lambda progress: FakeTranscriber(),
            open_source=open_source or (lambda: FileSource(audio=speech, speed=0)),
            open_recorder=lambda path: WavRecorder(path=path),
            make_writer=lambda: writer or FakeNoteWriter(),
            audio_dir=tmp_path / "audio",
            context_budget_tokens=budget_tokens,
        )
        controller = Controller(services=services)
        window = MainWindow(
            controller=controller, templates=TEMPLATES, options=options or WindowOptions()
        )
        qtbot.addWidget(window)
        window.show()
        window.raise_()
        window.activateWindow()  # keyboard shortcuts reach the active window only
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        return window

    return build
