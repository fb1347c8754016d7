"""Repair before display with the real built-in backend (issue 25): llama.cpp's server on
127.0.0.1 with SmolLM2-135M (nonsense text, but real requests): the draft request carries the
penalties against loops and is accepted, the repair's follow-up (the draft as the assistant's
turn, then the question) is answered by the same server, the repaired draft holds none of the
sentences of which nothing was said, and a transcript with nothing clinical never starts it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.asr.base import Segment
from desktop.cancel import CancelToken
from desktop.document_format import clean_markdown
from desktop.notes.base import DraftRequest, Template
from desktop.notes.local_server import LocalServerWriter
from desktop.notes.repair_prompt import fix_request
from desktop.paths import AppPaths
from desktop.session.repair import RepairResult, draft_and_repair, targets
from desktop.trust import check
from tests.integration.test_notes_local_server import smollm2

pytestmark = pytest.mark.integration

SAID = ["Doctor: hello.", "Patient: I have a headache since two days."]


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServerWriter]:
    paths = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path_factory.mktemp("repair-home"))})
    paths.ensure()
    w = LocalServerWriter(
        paths=paths, model_path=smollm2(), n_ctx=2048, max_tokens=40, startup_timeout_s=60
    )
    yield w
    w.close()


def request(lines: list[str]) -> DraftRequest:
    template = Template(
        id="t", language="en", title="T", kind="note", instructions="SUBJECTIVE and OBJECTIVE."
    )
    return DraftRequest(transcript="\n".join(lines), template=template, note_language="en")


def segments(lines: list[str]) -> list[Segment]:
    return [Segment(float(i), i + 1.0, t) for i, t in enumerate(lines)]


def run(writer: LocalServerWriter, lines: list[str]) -> tuple[str, RepairResult | None]:
    job = draft_and_repair(writer, request(lines), segments=segments(lines), cancel=CancelToken())
    streamed = []
    while True:
        try:
            item = next(job)
        except StopIteration as stop:
            return "".join(streamed), stop.value
        if isinstance(item, str):
            streamed.append(item)


def test_nothing_clinical_never_starts_the_model(writer: LocalServerWriter) -> None:
    text, result = run(writer, ["And so my fellow Americans, ask not what your country can do."])
    assert "Nothing clinical was said" in text and result is None
    assert not writer.server.is_running()


def test_the_draft_is_checked_and_repaired_by_the_real_server(writer: LocalServerWriter) -> None:
    streamed, result = run(writer, SAID)
    assert streamed.strip() and result is not None and result.failed == ""
    assert result.first == clean_markdown(streamed)  # the first draft: what streamed, cleaned
    report = check(result.text, segments(SAID))
    left = targets(report, result.text, segments(SAID))
    assert not [t for t in left if t.remove]  # nothing of it said: never left in the note


def test_the_follow_up_is_answered_after_the_draft(writer: LocalServerWriter) -> None:
    draft = "SUBJECTIVE:\nHeadache for two days.\nOBJECTIVE:\nTemperature 39 °C.\n"
    ask = fix_request(
        request(SAID),
        draft,
        sentence="Temperature 39 °C.",
        reasons=["The number 39 is not said in the consultation."],
        evidence=["Patient: I have a headache since two days."],
    )
    assert "".join(writer.stream(ask)).strip()  # four messages, accepted and answered
