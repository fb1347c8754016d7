"""The interface language: installs Qt translators for Scribe's strings and Qt's own.

``language`` is the setting (``"system"``, ``"en"`` or ``"fr"``). ``"system"`` follows the
system locale and falls back to English for a language Scribe does not speak. Translations are
compiled ``.qm`` files in ``resources/i18n`` (``scribe_fr.qm``, built from ``scribe_fr.ts`` by
``resources/i18n/update.py``); Qt's own strings (standard buttons, context menus) come from the
``qtbase_fr.qm`` that PySide6 ships.

Threads: GUI thread only (translators are installed on the application object).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import resources_dir

log = logging.getLogger(__name__)

SUPPORTED = ("en", "fr")
DEFAULT = "en"  # the language of the source strings
_OBJECT_NAME = "scribe-translator"


def translations_dir() -> Path:
    """``resources/i18n`` of the checkout, or inside a frozen bundle."""
    return resources_dir() / "i18n"


def resolve_language(setting: str, system_locale: str | None = None) -> str:
    """The language to show: the setting, or the system's when it is "system" (else English)."""
    choice = setting.strip().lower()
    if choice in SUPPORTED:
        return choice
    name = system_locale if system_locale is not None else QLocale.system().name()
    code = name.split("_")[0].split("-")[0].lower()
    return code if code in SUPPORTED else DEFAULT


def installed_language(app: QCoreApplication) -> str:
    """The language whose translators are installed now (English when none)."""
    for translator in app.findChildren(QTranslator, _OBJECT_NAME):
        return translator.language().split("_")[0] or DEFAULT
    return DEFAULT


def install_translators(
    app: QCoreApplication, setting: str, *, directory: Path | None = None
) -> str:
    """Replace Scribe's translators on ``app`` with those for ``setting``; return the language.

    A missing translation file is logged and the interface stays in English (never an error).
    """
    language = resolve_language(setting)
    for old in app.findChildren(QTranslator, _OBJECT_NAME):
        app.removeTranslator(old)
        old.deleteLater()
    locale = QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English)
    QLocale.setDefault(locale)
    if language == DEFAULT:
        return language
    folder = directory or translations_dir()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = False
    for name, where in ((f"scribe_{language}", str(folder)), (f"qtbase_{language}", qt_folder)):
        translator = QTranslator(app)
        translator.setObjectName(_OBJECT_NAME)
        if translator.load(name, where):
            app.installTranslator(translator)
            loaded = loaded or name.startswith("scribe_")
        else:
            log.warning("i18n: translation %s not found", name)
            translator.deleteLater()
    return language if loaded else DEFAULT
