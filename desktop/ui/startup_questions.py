"""The two questions Scribe may ask as it starts: keep consultations unencrypted (no usable
keychain), and recover the consultation a crash interrupted.

Threads: GUI thread only (modal message boxes). ``desktop.app`` asks them and acts on the answers.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_unencrypted(reason: str) -> bool:
    """True if the doctor agrees to keep consultations without encryption."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("App", "No secure keychain"),
        QCoreApplication.translate(
            "App",
            "Scribe encrypts the consultations it keeps with a key held in the system "
            "keychain, but no usable keychain was found on this computer.",
        ),
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "App",
            "Keep consultations on this computer without encryption? If you answer No, "
            "nothing is kept after Scribe closes.",
        )
    )
    box.setDetailedText(reason)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_recover(started_at: float, *, parent: QWidget) -> bool:
    """True if the doctor chooses to recover the consultation started at ``started_at``."""
    started = time.strftime("%H:%M", time.localtime(started_at))
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("App", "Recover the interrupted consultation?"),
        QCoreApplication.translate(
            "App",
            "Scribe was closed during the consultation started at {time}. Its audio up to "
            "that moment is kept: recover it and finish its transcript?",
        ).format(time=started),
        parent=parent,
    )
    recover = box.addButton(
        QCoreApplication.translate("App", "Recover"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("App", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    return box.clickedButton() is recover
