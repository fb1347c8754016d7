"""Laterality (issue 25): a comparison of the two sides ("right greater than left") names no
single side; a side flipped is still caught, in English and French."""

from __future__ import annotations

from tests.support.trust import check_lines

BUNION = [
    "Patient: I have bunions on both feet, the right one is worse than the left.",
    "Doctor: on the right foot, any other pain?",
    "Patient: the toes of my left foot look strange too.",
    "Doctor: yes, the second and third toes of the left foot are deformed as well.",
]


def test_a_comparison_of_both_sides_names_no_single_side() -> None:
    note = (
        "Recurrent bunion deformity in bilateral feet, right greater than left. "
        "Deformity of the second and third toes of the left foot."
    )
    assert check_lines(note, BUNION).flags_of("laterality") == []


def test_a_flipped_side_is_still_caught_next_to_a_comparison() -> None:
    note = (
        "Recurrent bunion deformity in bilateral feet, right greater than left. "
        "Deformity of the second and third toes of the right foot."
    )
    assert [f.text for f in check_lines(note, BUNION).flags_of("laterality")] == ["right foot"]


RADIATING = [
    "Médecin : Ça irradie ?",
    "Patient : Dans le ventre, c'est plutôt au milieu. Mais ça allait plutôt un peu à droite.",
    "Patient : J'ai très mal en haut du ventre, un peu à droite, et dans le dos.",
]


def test_a_french_side_before_a_comma_is_a_side() -> None:
    flagged = check_lines("Irradiation latérale gauche, vers le dos.", RADIATING, "fr")
    assert [f.text for f in flagged.flags_of("laterality")] == ["gauche"]
    assert check_lines("Irradiation latérale droite, vers le dos.", RADIATING, "fr").flags == []


def test_the_same_words_with_the_other_side_are_a_flipped_side() -> None:
    note = "Douleur intense du haut du ventre, un peu à gauche."
    flagged = check_lines(note, RADIATING, "fr").flags_of("laterality")
    assert [f.text for f in flagged] == ["gauche"]
    same = "Douleur intense du haut du ventre, un peu à droite."
    assert check_lines(same, RADIATING, "fr").flags_of("laterality") == []


def test_the_other_side_names_the_other_side() -> None:
    lines = [
        "Médecin : ça irradie ?",
        "Patient : ça va un peu vers la droite. Un petit peu de l'autre côté aussi, "
        "mais surtout du côté droit.",
    ]
    note = "Irradiation vers la droite surtout, un peu à gauche, dans le dos."
    assert check_lines(note, lines, "fr").flags_of("laterality") == []
