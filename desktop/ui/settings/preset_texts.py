"""What Settings > Notes calls each note-backend preset, and the hint shown under the choice.

Threads: GUI thread only. The strings keep the Notes page's translation context ("NotesPage").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("NotesPage", text)


def preset_label(preset_id: str, label: str) -> str:
    """The preset's name in the list: ``label`` (a product name) unless it needs translating."""
    names = {
        "builtin": _t("Built-in local model"),
        "llamacpp": _t("llama.cpp server"),
        "custom": _t("Other server"),
    }
    return names.get(preset_id, label)


def preset_hint(preset_id: str) -> str:
    """One or two lines on what the preset does with the transcript and what it needs."""
    hints = {
        "builtin": _t(
            "Runs a small model on this computer: nothing leaves it, but check its drafts "
            "with care."
        ),
        "openai": _t("Sends the transcript to OpenAI; needs an API key."),
        "azure": _t(
            "Your Azure endpoint (https://NAME.openai.azure.com), the deployment name as "
            "the model, and the API version."
        ),
        "mistral": _t("Sends the transcript to Mistral AI; needs an API key."),
        "ollama": _t("An Ollama server (on this computer by default); pick a model."),
        "lmstudio": _t("LM Studio's local server: start it, then pick a model."),
        "vllm": _t("A vLLM server, e.g. the clinic's GPU server: type its address."),
        "llamacpp": _t("A llama.cpp server you run yourself."),
        "custom": _t("Any server that speaks the OpenAI chat API."),
    }
    return hints.get(preset_id, "")
