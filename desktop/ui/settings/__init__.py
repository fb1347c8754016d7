"""The Settings dialog and what it needs from the app (``SettingsServices``)."""

from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.settings.dialog_services import ConnectionProbe, LevelMeterFn, SettingsServices

__all__ = ["ConnectionProbe", "LevelMeterFn", "SettingsDialog", "SettingsServices"]
