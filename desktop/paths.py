"""Where Scribe reads and writes files.

``SCRIBE_HOME=DIR`` relocates everything the app writes (settings, data, caches, logs) under DIR,
for portable installs and tests. Otherwise the platform's per-user directories are used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Scribe"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AppPaths:
        env = os.environ if environ is None else environ
        home = env.get("SCRIBE_HOME", "").strip()
        if home:
            root = Path(home).expanduser().resolve()
            return cls(
                config_dir=root / "config",
                data_dir=root / "data",
                cache_dir=root / "cache",
                log_dir=root / "logs",
            )
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
            cache_dir=Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "scribe.db"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"

    @property
    def templates_dir(self) -> Path:
        """The doctor's own note templates."""
        return self.data_dir / "templates"

    @property
    def models_dir(self) -> Path:
        """Joined bundled models (Whisper base, the local note model)."""
        return self.cache_dir / "models"

    def ensure(self) -> None:
        for directory in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            directory.mkdir(parents=True, exist_ok=True)
