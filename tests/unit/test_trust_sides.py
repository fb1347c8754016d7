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
