"""One translated sentence per error class, per notice kind and per progress stage.

The core raises English sentences with specifics (kept as details); the window shows the
sentence for the nearest known error class, in the interface language. A notice (something the
core repaired or worked around) is shown in the interface language with its names (a backup
file, microphones). Threads: GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from desktop import notices, progress
from desktop.asr import base as asr
from desktop.audio import base as audio
from desktop.audio import errors as audio_errors
from desktop.bundled import BundledModelError
from desktop.errors import ConfigError, LocalOnlyRefused, ScribeError
from desktop.notes import base as notes
from desktop.notes.templates import TemplateError
from desktop.notices import Notice
from desktop.secrets import SecretStoreUnavailable
from desktop.speakers.enrolment import EnrolmentTooShort
from desktop.speakers.weights import WeightsError
from desktop.store.crypto import DamagedRecord, StoreKeyError
from desktop.store.sqlite_file import EncounterNotFound, StoreError
from desktop.store.voice import VoiceNotProtected
from desktop.trust import Flag


def _t(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def _error_messages() -> dict[type[BaseException], str]:
    return {
        ScribeError: _t("Something went wrong."),
        ConfigError: _t("The settings could not be read or saved."),
        LocalOnlyRefused: _t(
            "“Local only” is on and the chosen server is not on this computer: nothing was sent."
        ),
        BundledModelError: _t(
            "The built-in model is missing or damaged: reinstall Scribe to restore it."
        ),
        asr.TranscriptionError: _t("The transcription failed."),
        asr.ModelUnavailable: _t("The speech model could not be loaded."),
        asr.RemoteTranscriptionError: _t("The transcription server failed or is out of reach."),
        audio.AudioError: _t("The audio could not be recorded or read."),
        audio.AudioFileError: _t("This audio file cannot be read."),
        audio.MicrophoneError: _t(
            "The microphone is not available. Check that it is plugged in and chosen in Settings."
        ),
        audio_errors.PortAudioMissing: _t(
            "The audio system (PortAudio) is missing: reinstall Scribe, or install libportaudio2."
        ),
        audio_errors.AudioSystemError: _t(
            "The audio system failed. Check the microphone in Settings, then try again."
        ),
        audio_errors.NoMicrophone: _t("No microphone was found: connect one and try again."),
        audio_errors.MicrophoneLost: _t(
            "The microphone stopped working. Everything recorded until then is kept."
        ),
        audio_errors.AudioStorageError: _t(
            "The recording could not be saved on this computer. What was recorded is kept."
        ),
        audio_errors.AudioDirNotWritable: _t(
            "Scribe cannot write in its data folder: check its permissions."
        ),
        audio_errors.DiskFull: _t(
            "The disk is full: recording stopped and what was recorded is kept. Free some space."
        ),
        StoreError: _t("The consultation history could not be read or saved."),
        EncounterNotFound: _t("This consultation no longer exists (it may have been deleted)."),
        StoreKeyError: _t(
            "The consultation history is encrypted with a key the keychain no longer holds."
        ),
        SecretStoreUnavailable: _t(
            "No secure keychain is available: API keys cannot be stored on this computer."
        ),
        TemplateError: _t("This template cannot be used. Check it in Settings ▸ Templates."),
        EnrolmentTooShort: _t(
            "Too little of your voice was heard: read the whole text aloud, near the microphone."
        ),
        VoiceNotProtected: _t(
            "Your voice is kept only encrypted, and the system keychain is not available: "
            "it was not recorded."
        ),
        WeightsError: _t(
            "The voice model that tells speakers apart is missing: the transcript is not "
            "labelled Doctor / Patient. Reinstall Scribe to restore it."
        ),
        notes.NoteError: _t("The draft could not be written."),
        notes.EmptyTranscript: _t("There is nothing to draft from yet: record the consultation."),
        notes.BackendUnreachable: _t(
            "The note server cannot be reached. Check its address and the network."
        ),
        notes.AuthenticationFailed: _t(
            "The note server refused the API key. Check it in Settings."
        ),
        notes.ModelNotFound: _t("The note server does not know this model. Choose another one."),
        notes.RateLimited: _t("The note server is busy (rate limit). Try again in a moment."),
        notes.BackendTimeout: _t("The note server took too long to answer. Try again."),
        notes.BackendFailed: _t("The note server answered with an error. Try again."),
        notes.LocalServerFailed: _t("The built-in note model could not be started."),
        notes.RepairFailed: _t(
            "The draft could not be checked against the consultation and repaired: the first "
            "draft is shown, as the model wrote it. Check it line by line."
        ),
        # Issue 21 (damaged files and history).
        DamagedRecord: _t(
            "Part of this consultation is damaged in the history file and cannot be read."
        ),
    }


def error_message(exc: BaseException) -> tuple[str, str]:
    """Return (sentence for the doctor, details) for an exception."""
    table = _error_messages()
    for cls in type(exc).__mro__:
        if cls in table:
            details = str(exc) if isinstance(exc, ScribeError) else ""
            return table[cls], details
    return _t("Something unexpected went wrong; the recording and the note are kept."), ""


def _notice_sentences() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Notice kind -> (sentence, the placeholders its names fill, in order)."""
    backup, mics = ("backup",), ("chosen", "default")
    return {
        notices.SETTINGS_UNREADABLE: (
            _t("The settings file could not be read; the default settings are used."),
            (),
        ),
        notices.SETTINGS_DAMAGED: (
            _t(
                "The settings file was damaged; it was kept as {backup} and the default settings "
                "are used."
            ),
            backup,
        ),
        notices.STORE_DAMAGED: (
            _t(
                "The consultation history was damaged; it was kept as {backup} and a new one was "
                "started."
            ),
            backup,
        ),
        notices.STORE_UNDECRYPTABLE: (
            _t(
                "The consultation history was encrypted with a key the keychain no longer holds; "
                "it was kept as {backup} and a new one was started."
            ),
            backup,
        ),
        notices.STORE_NEWER: (
            _t(
                "The consultation history was written by a newer version of Scribe; it was kept "
                "as {backup} and a new one was started."
            ),
            backup,
        ),
        notices.STORE_OLDER_ENCRYPTED: (
            _t(
                "Earlier consultations are encrypted and cannot be read until the keychain is "
                "available."
            ),
            (),
        ),
        notices.MICROPHONE_NOT_FOUND: (
            _t(
                "The microphone “{chosen}” was not found, so the default microphone “{default}” "
                "is recording instead."
            ),
            mics,
        ),
        notices.MICROPHONE_NOT_OPENED: (
            _t(
                "The microphone “{chosen}” could not be opened, so the default microphone "
                "“{default}” is recording instead."
            ),
            mics,
        ),
        # Issue 21 (damaged files and history).
        notices.STORE_EMPTY: (
            _t(
                "The consultation history file was empty (0 bytes): earlier consultations are not "
                "in it; it was kept as {backup} and a new one was started."
            ),
            backup,
        ),
        notices.STORE_SALVAGED: (
            _t(
                "The consultation history was damaged; {count} consultation(s) could be read and "
                "were saved into a new one, and the damaged file was kept as {backup}."
            ),
            ("backup", "count"),
        ),
        # issue 21: settings the file held with a wrong type or out of range
        notices.SETTINGS_IGNORED: (
            _t(
                "These settings in the settings file were not valid, so their default values are "
                "used: {settings}."
            ),
            ("settings",),
        ),
        notices.LOCAL_ONLY_FORCED: (
            _t(
                "The “Local only” setting in the settings file is not true or false, so "
                "local-only mode is on: nothing is sent off this computer until you choose in "
                "Settings."
            ),
            (),
        ),
    }


def notice_message(notice: Notice) -> str:
    """The notice in the interface language with its names; its English text for a kind (or
    names) this window does not know."""
    known = _notice_sentences().get(notice.kind)
    if known is None:
        return notice.text
    sentence, placeholders = known
    if len(placeholders) != len(notice.names):
        return notice.text
    try:
        return sentence.format(**dict(zip(placeholders, notice.names, strict=True)))
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return notice.text


def flag_label(kind: str) -> str:
    return {
        "unsupported": _t("Not found in the consultation"),
        "number": _t("Number or dose differs from the consultation"),
        "drug": _t("Drug not found as said in the consultation"),
        "laterality": _t("Left/right differs from the consultation"),
        "negation": _t("Negation differs from the consultation"),
        "allergy": _t("Allergy differs from the consultation"),
        "omission": _t("Mentioned in the consultation, missing from the note"),
        "term": _t("Clinical term never said in the consultation"),
        "repeated": _t("Written twice in the document"),
        "age": _t("Age not said in the consultation: check it against the patient's record"),
        "placeholder": _t("A placeholder, not something said: fill it in or remove it"),
    }.get(kind, _t("Check this against the consultation"))


def flag_tooltip(flags: Sequence[Flag]) -> str:
    """What the doctor reads over an underlined span: the check, then what was said."""
    lines = []
    for flag in flags:
        lines.append(flag_label(flag.kind))
        if flag.evidence_text:
            lines.append(_t("Said: “{words}”").format(words=flag.evidence_text[:200]))
    return "\n".join(lines)


def progress_message(stage: str) -> str:
    return {
        progress.JOINING_SPEECH_MODEL: _t("Preparing the speech model (first start only)…"),
        progress.LOADING_SPEECH_MODEL: _t("Loading the speech model…"),
        progress.JOINING_NOTE_MODEL: _t("Preparing the local note model (first use only)…"),
        progress.STARTING_NOTE_SERVER: _t("Starting the local note model…"),
        progress.CONDENSING_TRANSCRIPT: _t("Condensing a long consultation…"),
        progress.WAITING_FOR_FIRST_WORDS: _t("Drafting: reading the consultation…"),
        progress.RECOVERING_TRANSCRIPT: _t("Recovering the interrupted consultation…"),
        progress.CHECKING_DRAFT: _t("Checking the draft against the consultation…"),
        progress.FINISHING_TRANSCRIPT: _t("Finishing the transcript…"),
    }.get(stage, _t("Working…"))
