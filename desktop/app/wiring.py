"""What the controller and the window are built from, read from Settings.

Part of the composition root (the package ``desktop.app``, which calls these each time the
settings change): with each backend's ``from_settings``, the only readers of Settings.

Threads: the functions here run on the GUI thread. The ``load_transcriber`` they hand to the
controller runs on a background thread (``desktop.session.speech_model``), ``make_labeller`` on
the speaker-labelling worker; ``make_writer`` and the microphone and recorder openers run on the
GUI thread when the controller calls them.
"""

from __future__ import annotations

from desktop.asr.base import Transcriber
from desktop.asr.registry import create_transcriber
from desktop.audio.capture import MicrophoneSource
from desktop.audio.recorder import WavRecorder
from desktop.config import Settings
from desktop.notes.base import NoteWriter
from desktop.notes.presets import get_preset
from desktop.notes.registry import create_writer
from desktop.paths import AppPaths
from desktop.progress import ProgressFn
from desktop.secrets import NOTES_API_KEY, TRANSCRIPTION_API_KEY, Secrets
from desktop.session.services import Services
from desktop.speakers.encoder import installed_encoder
from desktop.speakers.labeller import SpeakerLabeller
from desktop.store.encounters import EncounterStore
from desktop.store.retention import RetentionPolicy
from desktop.ui.actions import Shortcuts
from desktop.ui.main_window import WindowOptions
from desktop.urls import refuse_if_not_local


def services_from_settings(
    settings: Settings, *, paths: AppPaths, secrets: Secrets, store: EncounterStore | None
) -> Services:
    """The controller's Services; API keys are read from ``secrets`` only when used."""
    s = settings

    def load_transcriber(progress: ProgressFn) -> Transcriber:
        if s.transcription.backend == "remote":
            refuse_if_not_local(s.privacy.local_only, s.transcription.remote_url)
        key = secrets.get(TRANSCRIPTION_API_KEY) or ""
        return create_transcriber(s.transcription, paths=paths, progress=progress, api_key=key)

    def make_writer() -> NoteWriter:
        if s.notes.preset != "builtin":
            url = s.notes.base_url or get_preset(s.notes.preset).base_url
            refuse_if_not_local(s.privacy.local_only, url)
        key = secrets.get(NOTES_API_KEY)
        return create_writer(s.notes, api_key=key, paths=paths)

    def make_labeller() -> SpeakerLabeller:
        return SpeakerLabeller(encoder=installed_encoder())

    return Services(
        load_transcriber=load_transcriber,
        open_source=lambda: MicrophoneSource(device=s.audio.device or None),
        open_recorder=store.open_recorder
        if store is not None
        else (lambda path: WavRecorder(path=path)),
        make_writer=make_writer,
        audio_dir=paths.audio_dir,
        language=s.transcription.language,
        vocabulary=s.transcription.vocabulary,
        store=store,
        context_budget_tokens=s.notes.context_budget_tokens,
        second_pass=s.transcription.second_pass,
        repair_drafts=s.notes.repair_drafts,
        make_labeller=make_labeller,
        retention=RetentionPolicy(
            keep_days=s.privacy.keep_days,
            audio_keep_hours=s.privacy.audio_keep_hours,
            delete_audio_after_copy=s.privacy.delete_audio_after_copy,
        ),
    )


def window_options_from_settings(settings: Settings, *, interface_language: str) -> WindowOptions:
    """The window's options; the note language falls back to the interface's."""
    s = settings
    note_language = s.notes.note_language
    if note_language not in ("en", "fr"):
        note_language = interface_language
    local_label = "Qwen2.5-Coder 1.5B" if s.notes.preset == "builtin" else ""
    return WindowOptions(
        note_language=note_language,
        template_id=s.notes.template,
        transcript_language=s.transcription.language,
        microphone=s.audio.device,
        local_model_label=local_label,
        clear_clipboard_after_s=s.privacy.clear_clipboard_after_s,
        compact=s.interface.compact,
        always_on_top=s.interface.always_on_top,
        draft_on_stop=s.notes.draft_on_stop,
        shortcuts=Shortcuts(
            record=s.interface.shortcut_record,
            pause=s.interface.shortcut_pause,
            stop=s.interface.shortcut_stop,
            draft=s.interface.shortcut_draft,
            copy=s.interface.shortcut_copy,
        ),
    )
