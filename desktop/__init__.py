"""Scribe: a desktop consultation scribe."""

__version__ = "0.1.0"
APP_NAME = "Scribe"
