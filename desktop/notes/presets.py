"""Provider presets: what the settings dialog fills in when the doctor picks a note backend.

A preset only suggests a base URL and a model and says whether a key is needed; the doctor can
override both. ``remote`` says whether the transcript leaves the machine with the preset's
default address (``is_local_url`` decides for an address the doctor typed).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.urls import is_local_url, is_loopback_host

__all__ = ["PRESETS", "Preset", "get_preset", "is_local_url", "is_loopback_host"]


@dataclass(frozen=True)
class Preset:
    id: str
    label: str
    base_url: str  # default address ("" = the doctor must type one)
    default_model: str  # "" = pick from the server's list
    needs_api_key: bool
    remote: bool  # the default address sends the transcript off this machine
    hint: str  # one sentence shown under the choice
    azure: bool = False  # base_url is the Azure endpoint, model is the deployment name


PRESETS: dict[str, Preset] = {
    p.id: p
    for p in (
        Preset(
            "builtin",
            "Built-in local model",
            "",
            "scribe-local",
            False,
            False,
            "Runs a small model on this computer: nothing leaves it, drafts need careful checking.",
        ),
        Preset(
            "openai",
            "OpenAI",
            "https://api.openai.com/v1",
            "gpt-4o-mini",
            True,
            True,
            "Sends the transcript to OpenAI; needs an API key.",
        ),
        Preset(
            "azure",
            "Azure OpenAI",
            "",
            "",
            True,
            True,
            "Your Azure endpoint (https://NAME.openai.azure.com), the deployment name as the "
            "model, and the API version.",
            azure=True,
        ),
        Preset(
            "mistral",
            "Mistral",
            "https://api.mistral.ai/v1",
            "mistral-small-latest",
            True,
            True,
            "Sends the transcript to Mistral AI; needs an API key.",
        ),
        Preset(
            "ollama",
            "Ollama",
            "http://127.0.0.1:11434/v1",
            "",
            False,
            False,
            "An Ollama server (on this computer by default); pick one of its models.",
        ),
        Preset(
            "lmstudio",
            "LM Studio",
            "http://127.0.0.1:1234/v1",
            "",
            False,
            False,
            "LM Studio's local server; start it in LM Studio, then pick a model.",
        ),
        Preset(
            "vllm",
            "vLLM",
            "http://127.0.0.1:8000/v1",
            "",
            False,
            False,
            "A vLLM server, e.g. the clinic's GPU server: type its address.",
        ),
        Preset(
            "llamacpp",
            "llama.cpp server",
            "http://127.0.0.1:8080/v1",
            "",
            False,
            False,
            "A llama.cpp server (llama-server) you run yourself.",
        ),
        Preset(
            "custom",
            "Custom",
            "",
            "",
            False,
            True,
            "Any server that speaks the OpenAI chat API: type its address, key and model.",
        ),
    )
}


def get_preset(preset_id: str) -> Preset:
    """The preset with this id; an unknown id (an old settings file) falls back to Custom."""
    return PRESETS.get(preset_id, PRESETS["custom"])
