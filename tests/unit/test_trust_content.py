"""Nothing clinical said: a speech, small talk or a microphone test holds no clinical content, a
thin real complaint does, in English and in French (issue 25)."""

from __future__ import annotations

import pytest

from desktop.trust.content import clinical_content

NOT_CLINICAL = [
    "And so my fellow Americans, ask not what your country can do for you, ask what you can do "
    "for your country.",
    "Testing one two three. Testing, can you hear me? One, two, three.",
    "Hi, how was your weekend? Good thanks, we went to the beach with the kids. Lovely weather.",
    "Et donc, mes chers compatriotes, ne demandez pas ce que votre pays peut faire pour vous.",
    "Un, deux, trois, test du micro. Vous m'entendez bien ?",
    "Bonjour, vous avez passé un bon week-end ? Oui, on est allés à la plage avec les enfants.",
]
CLINICAL = [
    "Doctor: hello. Patient: I have a headache since two days.",
    "Médecin : bonjour. Patient : j'ai mal à la tête depuis deux jours.",
    "[patient] I take lisinopril 10 mg every morning.",
    "Patient : je prends du Doliprane.",
    "Doctor: any surgeries in the past? Patient: no.",
    "Médecin : vous fumez ? Patient : non, jamais.",
]


@pytest.mark.parametrize("text", NOT_CLINICAL)
def test_no_clinical_content(text: str) -> None:
    found = clinical_content(text)
    assert not found.clinical, found.words


@pytest.mark.parametrize("text", CLINICAL)
def test_clinical_content(text: str) -> None:
    assert clinical_content(text).clinical


def test_the_language_is_detected_or_given() -> None:
    assert clinical_content(NOT_CLINICAL[3]).language == "fr"
    assert clinical_content(CLINICAL[0], language="en").language == "en"
