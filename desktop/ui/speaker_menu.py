"""Who spoke a turn, as the doctor sees and corrects it: the speakers' names in the interface
language, and the menu of the transcript (say who spoke a turn, swap the two speakers, say which
of Speaker 1/2 is the doctor). Each action carries ("turn", index, key) or ("rename", {old: new}).

Threads: GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from desktop.asr.base import Segment

CHOICES = ("doctor", "patient", "speaker 1", "speaker 2", "speaker 3")


def speaker_name(key: str) -> str:
    if key == "doctor":
        return QCoreApplication.translate("TranscriptView", "Doctor")
    if key == "patient":
        return QCoreApplication.translate("TranscriptView", "Patient")
    number = key.rsplit(" ", 1)[-1]
    return QCoreApplication.translate("TranscriptView", "Speaker %1").replace("%1", number)


def speaker_menu(parent: QWidget, segments: Sequence[Segment], index: int) -> QMenu:
    menu = QMenu(parent)
    current = segments[index].speaker
    said_by = menu.addMenu(QCoreApplication.translate("TranscriptView", "Said by"))
    for key in CHOICES:
        action = said_by.addAction(speaker_name(key))
        action.setCheckable(True)
        action.setChecked(key == current)
        action.setData(("turn", index, key))
    heard = list(dict.fromkeys(s.speaker for s in segments if s.speaker))
    if len(heard) != 2:
        return menu
    a, b = heard
    swap = menu.addAction(
        QCoreApplication.translate("TranscriptView", "Swap %1 and %2")
        .replace("%1", speaker_name(a))
        .replace("%2", speaker_name(b))
    )
    swap.setData(("rename", {a: b, b: a}))
    if set(heard) == {"speaker 1", "speaker 2"}:
        for doctor, patient in ((a, b), (b, a)):
            name = menu.addAction(
                QCoreApplication.translate("TranscriptView", "%1 is the doctor").replace(
                    "%1", speaker_name(doctor)
                )
            )
            name.setData(("rename", {doctor: "doctor", patient: "patient"}))
    return menu
