"""The audio error tree below ``AudioError``: one class per fault the doctor can be told about.

The UI maps each class to one translated message; ``str(err)`` is the English sentence.
"""

from __future__ import annotations

from desktop.audio.base import AudioError, MicrophoneError


class PortAudioMissing(MicrophoneError):
    """The PortAudio library is not installed ("PortAudio library not found")."""


class AudioSystemError(MicrophoneError):
    """PortAudio failed: listing devices, opening or starting the input stream."""


class NoMicrophone(MicrophoneError):
    """The computer has no input device at all."""


class MicrophoneLost(MicrophoneError):
    """The microphone stopped delivering audio mid-recording (unplugged, or the driver failed)."""


class AudioStorageError(AudioError):
    """The recording could not be written to disk."""


class AudioDirNotWritable(AudioStorageError):
    """The folder for recordings cannot be created or written to."""


class DiskFull(AudioStorageError):
    """The disk holding the recordings is full (or nearly)."""


__all__ = [
    "AudioDirNotWritable",
    "AudioError",
    "AudioStorageError",
    "AudioSystemError",
    "DiskFull",
    "MicrophoneError",
    "MicrophoneLost",
    "NoMicrophone",
    "PortAudioMissing",
]
