"""The chat messages sent to the model for a draft (or for condensing part of a long transcript).

The wording lives in ``resources/templates`` (``_rules.LANG.md``, ``_condense.LANG.md`` and each
template's instructions); this module only assembles it.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.notes.base import DraftRequest
from desktop.notes.templates import CONDENSE_KIND, load_prompt_parts

_LABELS = {
    "en": {
        "context": "What the doctor adds (age, sex, known history):",
        "transcript": "Transcript:",
    },
    "fr": {
        "context": "Ce que le médecin précise (âge, sexe, antécédents connus) :",
        "transcript": "Transcription :",
    },
}


REVISE_KIND = "revise"  # internal: desktop.notes.revise assembles the whole user message itself


@dataclass(frozen=True)
class ChatMessage:
    role: str  # system | user | assistant
    content: str


def note_language(request: DraftRequest) -> str:
    return request.note_language if request.note_language in _LABELS else "en"


def draft_messages(request: DraftRequest) -> list[ChatMessage]:
    lang = note_language(request)
    labels = _LABELS[lang]
    system = request.template.instructions.strip()
    if request.template.kind == REVISE_KIND:
        return [ChatMessage("system", system), ChatMessage("user", request.transcript.strip())]
    if request.template.kind != CONDENSE_KIND:
        system = f"{load_prompt_parts(lang).rules}\n\n{system}"
    user = ""
    if request.context.strip():
        user += f"{labels['context']}\n{request.context.strip()}\n\n"
    user += f'{labels["transcript"]}\n"""\n{request.transcript.strip()}\n"""'
    messages = [ChatMessage("system", system), ChatMessage("user", user)]
    if request.follow_up:
        messages += [
            ChatMessage("assistant", request.answer),
            ChatMessage("user", request.follow_up),
        ]
    return messages
