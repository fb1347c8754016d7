"""The doctor's standing instructions for a kind of document ("always list allergies first",
"bullet points in PLAN", "no 'not discussed' lines"), added to every draft's prompt.

They live in the doctor's own template (``Template.standing``; a shipped template is duplicated
first, the copy is the doctor's). Pure Python, no Qt.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.notes.base import Template

_HEADERS = {
    "en": "The doctor's standing instructions for this document (always follow them):",
    "fr": "Consignes permanentes du médecin pour ce document (à toujours suivre) :",
}


def standing_block(template: Template) -> str:
    if not template.standing:
        return ""
    header = _HEADERS.get(template.language, _HEADERS["en"])
    return header + "\n" + "\n".join(f"- {item}" for item in template.standing)


def with_standing(template: Template) -> Template:
    """The template with its standing instructions appended to what the model is asked."""
    block = standing_block(template)
    if not block:
        return template
    return replace(template, instructions=f"{template.instructions.rstrip()}\n\n{block}")
