"""Learned preferences: the same kind of change to the same document type in three consecutive
consultations is offered, once, as a standing instruction. Nothing is learned silently.

A change is an instruction the doctor accepted ("bullets in the plan"), a heading the doctor added
or removed by hand, or a section the doctor turned into bullet points, found by comparing the draft
with the text copied. ``PreferenceLog`` keeps, per document type, the kinds of change of the last
consultations and the ones the doctor said "never" to, in a small JSON file of its own
(``preferences.json`` in the data folder; written atomically; a damaged file is started afresh).

Pure Python, no Qt; called on the GUI thread (small file, written on each copy).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.atomic import write_text_atomically
from desktop.notes.bullets import bullet_instruction
from desktop.notes.sections import fold, split_sections

log = logging.getLogger(__name__)

STREAK = 3  # consecutive consultations with the same change before it is offered
KEEP = 6  # consultations remembered per document type


_PHRASES = {
    "en": {
        "bullets": "Bullet points in {name}",
        "added": "Always include the {name} section",
        "removed": "Leave out the {name} section",
    },
    "fr": {
        "bullets": "Section {name} en liste à puces",
        "added": "Toujours inclure la section {name}",
        "removed": "Ne pas inclure la section {name}",
    },
}


def _phrase(kind: str, name: str, language: str) -> str:
    return _PHRASES.get(language, _PHRASES["en"])[kind].format(name=name)


@dataclass(frozen=True)
class Change:
    key: str  # what is compared across consultations ("bullets:plan")
    standing: str  # the standing instruction offered ("Bullet points in PLAN")


def instruction_change(instruction: str, language: str = "en") -> Change:
    """An accepted instruction; "bullets in the plan" and "mets le plan en puces" are one kind."""
    section = bullet_instruction(instruction)
    if section:
        return Change(f"bullets:{fold(section)}", _phrase("bullets", section.upper(), language))
    said = " ".join(instruction.split()).rstrip(".!")
    return Change(f"instruction:{fold(said)}", said[:1].upper() + said[1:])


def edit_changes(draft: str, final: str, language: str = "en") -> list[Change]:
    """The headings added or removed and the sections turned into bullets between the draft and
    the text the doctor copied."""
    before = {s.title: draft[s.start : s.end] for s in split_sections(draft) if s.title}
    after = {s.title: final[s.start : s.end] for s in split_sections(final) if s.title}
    changes = [
        Change(f"heading+:{title}", _phrase("added", _name(after[title]), language))
        for title in after if title not in before
    ]  # fmt: skip
    changes += [
        Change(f"heading-:{title}", _phrase("removed", _name(before[title]), language))
        for title in before if title not in after
    ]  # fmt: skip
    changes += [
        Change(f"bullets:{title}", _phrase("bullets", _name(after[title]), language))
        for title in after
        if title in before and _bulleted(after[title]) and not _bulleted(before[title])
    ]
    return changes


def _name(section: str) -> str:
    first = section.strip().splitlines()[0]
    return re.sub(r"[#*_:]+", " ", first).split("  ")[0].strip() or first.strip()


def _bulleted(section: str) -> bool:
    lines = [line.strip() for line in section.strip().splitlines()[1:] if line.strip()]
    return bool(lines) and all(re.match(r"^(?:[-*•]|\d{1,2}[.)])\s", line) for line in lines)


class PreferenceLog:
    def __init__(self, *, path: Path) -> None:
        self._path = path
        self._data = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("preferences: unreadable file, starting afresh")
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self) -> None:
        try:
            write_text_atomically(self._path, json.dumps(self._data, ensure_ascii=False))
        except OSError:
            log.warning("preferences: could not be saved")

    def _type(self, template_id: str) -> dict[str, Any]:
        entry = self._data.setdefault(template_id, {})
        for key in ("recent", "never", "offered"):
            entry.setdefault(key, [])
        return entry

    def record(self, template_id: str, encounter_id: str, changes: list[Change]) -> Change | None:
        """Note the changes made in one consultation; returns a change to offer, at most once."""
        entry = self._type(template_id)
        recent: list[list[Any]] = entry["recent"]
        mine = next((r for r in recent if r[0] == encounter_id), None)
        if mine is None:
            mine = [encounter_id, {}]
            recent.append(mine)
        kinds: dict[str, str] = mine[1]
        kinds.update({c.key: c.standing for c in changes})
        del recent[:-KEEP]
        offer = self._streak(entry)
        if offer is not None:
            entry["offered"].append(offer.key)
        self._save()
        return offer

    def _streak(self, entry: dict[str, Any]) -> Change | None:
        last = entry["recent"][-STREAK:]
        if len(last) < STREAK:
            return None
        shared = set.intersection(*(set(r[1]) for r in last))
        for key in sorted(shared - set(entry["never"]) - set(entry["offered"])):
            return Change(key, last[-1][1][key])
        return None

    def never(self, template_id: str, change: Change) -> None:
        """The doctor said "never": this change is not offered again for this document type."""
        self._type(template_id)["never"].append(change.key)
        self._save()
