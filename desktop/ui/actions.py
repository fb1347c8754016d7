"""The main window's actions (menus, shortcuts shown in tooltips) in one place.

Threads: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


@dataclass(frozen=True)
class Shortcuts:
    record: str = "Ctrl+R"
    pause: str = "Ctrl+P"
    stop: str = "Ctrl+Shift+R"
    draft: str = "Ctrl+D"
    copy: str = "Ctrl+Shift+C"


@dataclass(frozen=True)
class Slots:
    record: Callable[[], None]
    pause: Callable[[], None]
    stop: Callable[[], None]
    draft: Callable[[], None]
    copy: Callable[[], None]
    find: Callable[[], None]
    history: Callable[[], None]
    settings: Callable[[], None]
    quit: Callable[[], None]
    compact: Callable[[], None]
    on_top: Callable[[], None]
    about: Callable[[], None]
    check: Callable[[], None]


@dataclass(frozen=True)
class WindowActions:
    record: QAction
    pause: QAction
    stop: QAction
    draft: QAction
    copy: QAction
    find: QAction
    history: QAction
    settings: QAction
    quit: QAction
    compact: QAction
    on_top: QAction
    about: QAction
    check: QAction


def _t(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _action(window: QMainWindow, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
    act = QAction(text, window)
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    act.triggered.connect(slot)
    keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    act.setToolTip(f"{text} ({keys})" if keys else text)
    window.addAction(act)
    return act


def build_actions(window: QMainWindow, slots: Slots, keys: Shortcuts) -> WindowActions:
    actions = WindowActions(
        record=_action(window, _t("Record"), keys.record, slots.record),
        pause=_action(window, _t("Pause / Resume"), keys.pause, slots.pause),
        stop=_action(window, _t("Stop"), keys.stop, slots.stop),
        draft=_action(window, _t("Draft"), keys.draft, slots.draft),
        copy=_action(window, _t("Copy all"), keys.copy, slots.copy),
        find=_action(window, _t("Find…"), "Ctrl+F", slots.find),
        history=_action(window, _t("Past consultations…"), "Ctrl+H", slots.history),
        settings=_action(window, _t("Settings…"), "Ctrl+,", slots.settings),
        quit=_action(window, _t("Quit"), "Ctrl+Q", slots.quit),
        compact=_action(window, _t("Compact mode"), "Ctrl+Shift+M", slots.compact),
        on_top=_action(window, _t("Always on top"), "", slots.on_top),
        about=_action(window, _t("About Scribe"), "", slots.about),
        check=_action(window, _t("Check this computer…"), "", slots.check),
    )
    actions.compact.setCheckable(True)
    actions.on_top.setCheckable(True)
    menu = window.menuBar()
    file_menu = menu.addMenu(_t("&File"))
    for act in (actions.history, actions.settings):
        file_menu.addAction(act)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    visit = menu.addMenu(_t("&Consultation"))
    for act in (actions.record, actions.pause, actions.stop):
        visit.addAction(act)
    visit.addSeparator()
    for act in (actions.draft, actions.copy, actions.find):
        visit.addAction(act)
    view = menu.addMenu(_t("&View"))
    view.addAction(actions.compact)
    view.addAction(actions.on_top)
    help_menu = menu.addMenu(_t("&Help"))
    help_menu.addAction(actions.check)
    help_menu.addAction(actions.about)
    return actions
