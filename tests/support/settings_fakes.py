"""Fake ``SettingsServices`` for the Settings dialog tests (and the screenshot script).

Threads: ``level_meter`` and ``list_models`` run on the dialog's worker thread; they wait on
events, never sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import dataclass, field

from desktop.cancel import CancelToken
from desktop.notes.base import Template
from desktop.ui.settings.dialog_services import ConnectionProbe, SettingsServices

BUILTINS = [
    Template("soap", "en", "SOAP note", "note", "Write a SOAP note."),
    Template("soap", "fr", "Note SOAP", "note", "Rédige une note SOAP."),
    Template("referral", "en", "Referral letter", "letter", "Write a letter to a colleague."),
]


@dataclass
class FakeServices:
    devices: list[str] = field(default_factory=lambda: ["Built-in microphone", "USB headset"])
    levels: list[float] = field(default_factory=lambda: [0.1, 0.4, 0.2])
    models: list[str] = field(default_factory=lambda: ["llama3.1:8b", "mistral-nemo"])
    models_error: Exception | None = None
    user_templates: list[Template] = field(default_factory=list)
    saved: list[Template] = field(default_factory=list)
    deleted: list[Template] = field(default_factory=list)
    probes: list[ConnectionProbe] = field(default_factory=list)
    level_devices: list[str] = field(default_factory=list)
    keep_listening: bool = False  # level_meter waits for cancel after its levels

    def list_input_devices(self) -> list[str]:
        return list(self.devices)

    def level_meter(self, device: str, *, cancel: CancelToken) -> Generator[float, None, None]:
        self.level_devices.append(device)
        yield from self.levels
        if self.keep_listening:
            stop = threading.Event()
            cancel.on_cancel(stop.set)
            stop.wait(30)

    def list_models(self, probe: ConnectionProbe) -> list[str]:
        self.probes.append(probe)
        if self.models_error is not None:
            raise self.models_error
        return list(self.models)

    def load_templates(self) -> list[Template]:
        return BUILTINS + list(self.user_templates)

    def save_template(self, template: Template) -> None:
        self.saved.append(template)

    def delete_template(self, template: Template) -> None:
        self.deleted.append(template)

    def services(self) -> SettingsServices:
        return SettingsServices(
            list_input_devices=self.list_input_devices,
            level_meter=self.level_meter,
            list_models=self.list_models,
            load_templates=self.load_templates,
            save_template=self.save_template,
            delete_template=self.delete_template,
        )
