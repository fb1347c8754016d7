"""Every error class of the core has its own sentence in the window (house rule 7)."""

from __future__ import annotations

import desktop.asr.base
import desktop.audio.base
import desktop.audio.errors
import desktop.bundled
import desktop.errors
import desktop.notes.base
import desktop.notes.templates
import desktop.secrets
import desktop.store.crypto
import desktop.store.sqlite_file
from desktop.errors import ScribeError
from desktop.ui.messages import error_message

MODULES = (
    desktop.errors,
    desktop.bundled,
    desktop.asr.base,
    desktop.audio.base,
    desktop.audio.errors,
    desktop.notes.base,
    desktop.notes.templates,
    desktop.secrets,
    desktop.store.crypto,
    desktop.store.sqlite_file,
)


def error_classes() -> list[type[ScribeError]]:
    found = {
        obj
        for module in MODULES
        for obj in vars(module).values()
        if isinstance(obj, type)
        and issubclass(obj, ScribeError)
        and obj.__module__ == module.__name__
    }
    return sorted(found, key=lambda c: c.__qualname__)


def test_each_error_class_has_its_own_sentence(qapp):
    sentences: dict[str, type] = {}
    for cls in error_classes():
        message, details = error_message(cls("A specific detail."))
        assert message.endswith((".", "…")), cls
        assert details == "A specific detail."
        assert message not in sentences, (
            f"{cls.__name__} shares its message with {sentences[message]}"
        )
        sentences[message] = cls
    assert len(sentences) >= 30


def test_a_foreign_exception_still_gets_a_calm_sentence(qapp):
    message, details = error_message(RuntimeError("boom"))
    assert "kept" in message and details == ""
