"""Committed segments given their speakers; a segment split where the speaker changes."""

from __future__ import annotations

from dataclasses import replace

from desktop.asr.base import Segment
from desktop.encounter import Encounter
from desktop.session.speaker_turns import labelled_segments
from desktop.speakers.labeller import DOCTOR, PATIENT, Turn


def test_each_segment_takes_the_speaker_of_its_turn() -> None:
    segments = (Segment(0.0, 2.0, "How are you?"), Segment(2.0, 4.0, "Fine."))
    turns = [Turn(0.0, 2.0, DOCTOR, False, 1.8), Turn(2.0, 4.0, PATIENT, True, 1.0)]
    out = labelled_segments(segments, turns)
    assert [(s.text, s.speaker, s.speaker_uncertain) for s in out] == [
        ("How are you?", DOCTOR, False),
        ("Fine.", PATIENT, True),
    ]


def test_a_segment_spanning_a_change_is_split_at_the_sentence_end() -> None:
    text = "Any chest pain when you climb stairs? No, never, only a cough at night."
    segment = Segment(10.0, 16.0, text)
    # The doctor spoke 2.5 s, the patient 3.5 s: by time alone the cut would fall after
    # "stairs? No," (6 words of 13 ≈ 2.5/6); it moves to the question mark.
    turns = [Turn(10.0, 12.8, DOCTOR, False, 2.5), Turn(12.8, 16.0, PATIENT, False, 3.5)]
    doctor, patient = labelled_segments((segment,), turns)
    assert doctor.text == "Any chest pain when you climb stairs?" and doctor.speaker == DOCTOR
    assert patient.text == "No, never, only a cough at night." and patient.speaker == PATIENT
    assert (doctor.start, doctor.end, patient.start, patient.end) == (10.0, 12.8, 12.8, 16.0)


def test_without_a_sentence_end_near_the_words_are_shared_by_speech_time() -> None:
    segment = Segment(0.0, 4.0, "one two three four five six seven eight")
    turns = [Turn(0.0, 1.0, DOCTOR, False, 1.0), Turn(1.0, 4.0, PATIENT, False, 3.0)]
    doctor, patient = labelled_segments((segment,), turns)
    assert doctor.text == "one two" and patient.text == "three four five six seven eight"


def test_the_encounter_puts_labelled_segments_in_place_of_the_committed_ones() -> None:
    encounter = Encounter()
    first, second = Segment(0, 1, "Hello."), Segment(1, 2, "Hi doctor.")
    encounter.commit([first, second, Segment(2, 3, "Later words.")])
    labelled = (replace(first, speaker=DOCTOR), replace(second, speaker=PATIENT))
    assert encounter.relabel((first, second), labelled)
    assert [s.speaker for s in encounter.segments] == [DOCTOR, PATIENT, None]
    # Replaced meanwhile (another pass changed the text): nothing to relabel.
    assert not encounter.relabel((first,), (replace(first, speaker=PATIENT),))


def test_a_stretch_the_second_pass_settled_keeps_or_later_takes_its_speakers() -> None:
    encounter = Encounter()
    doctor = Segment(0, 2, "When did this pain start?", speaker=DOCTOR)
    patient, later = Segment(2, 4, "Are you sure I have a pain?"), Segment(5, 6, "Later words.")
    encounter.commit([doctor, patient, later])
    # The second pass's text for 0-4 s comes without labels: it keeps those of the live text.
    encounter.settle(
        0, 4, [Segment(0, 2.1, "When did it start?"), Segment(2.1, 4, "A sharp pain.")]
    )
    assert [s.speaker for s in encounter.segments] == [DOCTOR, None, None]
    # The labels of the replaced live utterance arrive afterwards: they go to the new segment in
    # its time, and never over a label already there.
    assert encounter.relabel((patient,), (replace(patient, speaker=PATIENT),))
    assert [(s.text, s.speaker) for s in encounter.segments] == [
        ("When did it start?", DOCTOR),
        ("A sharp pain.", PATIENT),
        ("Later words.", None),
    ]
    assert not encounter.relabel((doctor,), (replace(doctor, speaker=PATIENT),))
    assert encounter.segments[0].speaker == DOCTOR
