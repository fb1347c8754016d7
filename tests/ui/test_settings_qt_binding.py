"""Guard: the Qt binding must not leak references to None (PySide6 6.12.0 did: every call of a
void method dropped one, and Python 3.11 aborted with "none_dealloc" after a few thousand)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_calls_keep_none_alive(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for i in range(2000):
        edit.setText(str(i % 2))
    assert sys.getrefcount(None) > before - 100
