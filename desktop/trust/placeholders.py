"""A template's placeholder the model wrote instead of a fact ("Médicament A (dose X)",
"[date of birth]", "XX mg", "___"): never something said, and never to reach the practice
software. The built-in model writes them when the consultation gives it nothing to put there
(the French one-line headache: "Traitements en cours : Médicament A (dose X), Médicament B (dose
Y)")."""

from __future__ import annotations

import re

from desktop.trust.model import Flag
from desktop.trust.text import Span

_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{1,40}\]"  # [date], [Patient name]
    r"|_{3,}"  # a blank to fill
    r"|\b(?:dose|dosage|posologie|dos[ei]s)\s+[XYZ]\b"  # dose X
    r"|\b(?:[Mm][ée]dicament|[Mm]edication|[Mm]edicine|[Dd]rug|[Tt]raitement|[Tt]reatment)"
    r"\s+[A-D]\b(?![\w'’-])"  # Médicament A
    r"|\b[XN]{1,3}\s?(?:mg|mcg|µg|ml|mL|g|UI|IU|units?|unités?|fois)\b"  # XX mg
    r"|\b(?:[Dd]r|[Dd]octeur|[Dd]octor)\.?\s+X\b"  # Dr X
)
REASON = "A placeholder, not something said in the consultation: fill it in or remove it."


def check_placeholders(note: str, spans: list[Span]) -> list[Flag]:
    flags = []
    for sp in spans:
        text = note[sp.start : sp.end]
        if _PLACEHOLDER.search(text):
            flags.append(Flag("placeholder", (sp.start, sp.end), text, REASON))
    return flags
