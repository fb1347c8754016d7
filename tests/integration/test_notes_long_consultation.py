"""A long consultation through a real OpenAI-compatible HTTP server: the transcript is condensed in
parts (each part its own request), the doctor is told, and the draft is written from the parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import BackendFailed, DraftRequest
from desktop.notes.drafting import draft_job, estimate_tokens
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.notes.templates import find_template, load_templates
from desktop.progress import CONDENSING_TRANSCRIPT, WAITING_FOR_FIRST_WORDS, Progress
from tests.support.openai_server import OpenAIServer, Reply

pytestmark = pytest.mark.integration


def long_transcript(minutes: int) -> str:
    # about 150 spoken words a minute
    turn = "[doctor] And how has the knee been since the fall, any swelling at night?\n" + (
        "[patient] It swells in the evening and I take ibuprofen 400 mg twice a day.\n"
    )
    return turn * (minutes * 150 // 28)


def request_(lang: str = "fr") -> DraftRequest:
    template = find_template(load_templates(user_dir=Path("/nonexistent")), "consultation", lang)
    return DraftRequest(transcript=long_transcript(60), template=template, note_language=lang)


def test_sixty_minutes_are_condensed_then_drafted() -> None:
    request = request_()
    budget = 1500
    assert estimate_tokens(request.transcript) > 4 * budget
    with OpenAIServer(models=("m",), reply_text="MOTIF : douleur du genou.") as server:
        server.script_chat(*[Reply(text=f"Faits de la partie {n}.") for n in range(1, 100)])
        writer = OpenAICompatibleWriter(base_url=server.base_url, model="m")
        items = list(draft_job(writer, request, cancel=CancelToken(), budget_tokens=budget))
        sent = server.chat_requests()

    progress = [i for i in items if isinstance(i, Progress)]
    assert progress.pop() == Progress(WAITING_FOR_FIRST_WORDS)
    parts = len(sent) - 1
    assert parts >= 5
    assert [p.detail for p in progress[:-1]] == [
        f"part {n} of {parts}" for n in range(1, parts + 1)
    ]
    assert all(p.stage == CONDENSING_TRANSCRIPT for p in progress)
    for body in (r.json for r in sent[:-1]):
        system, user = body["messages"]
        assert "partie" in system["content"] and "CONDUITE" not in system["content"]
        assert len(user["content"]) < budget * 4
        assert "ibuprofen 400 mg" in user["content"]
    final_user = sent[-1].json["messages"][-1]["content"]
    assert all(f"Faits de la partie {n}." in final_user for n in range(1, parts + 1))
    assert "ibuprofen" not in final_user  # the draft is written from the condensed parts
    assert "CONDUITE À TENIR" in sent[-1].json["messages"][0]["content"]
    draft = "".join(i for i in items if isinstance(i, str))
    assert draft.startswith("Faits de la partie")  # the next scripted reply is the draft


def test_a_failure_while_condensing_is_reported() -> None:
    with OpenAIServer(models=("m",)) as server:
        server.script_chat(Reply(text="Faits."), Reply.error(503))
        writer = OpenAICompatibleWriter(base_url=server.base_url, model="m")
        with pytest.raises(BackendFailed, match="error 503"):
            list(draft_job(writer, request_("en"), cancel=CancelToken(), budget_tokens=1500))
        assert len(server.chat_requests()) == 2
