"""The loop guard on a streamed draft: a line already written is dropped, set phrases pass, text
streams through as it comes, and a model that only repeats itself is stopped (issue 25)."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.notes.loop_guard import MAX_LOOP, without_repeats

LINE = "Patient reports a dry cough for three days."


def test_a_repeated_line_is_dropped_and_short_set_phrases_pass() -> None:
    chunks = [
        "SUBJECTIVE:\n", LINE + "\n", "OBJECTIVE:\n", "Not discussed.\n",
        "PLAN:\n", "Not discussed.\n", "- " + LINE + "\n", "Rest and fluids.\n",
    ]  # fmt: skip
    out = "".join(without_repeats(chunks))
    assert out.count(LINE) == 1
    assert out.count("Not discussed.") == 2
    assert out.endswith("PLAN:\nNot discussed.\nRest and fluids.\n")


def test_new_text_streams_through_piece_by_piece() -> None:
    pieces = ["SUBJ", "ECTIVE:\n", "Cough ", "for three ", "days.\n", "Cough ", "is dry"]
    out = list(without_repeats(pieces))
    # nothing seen yet looks like "Cough": every piece passes as it comes (no line buffering)
    assert out[:4] == ["SUBJ", "ECTIVE:", "\n", "Cough "]
    assert "".join(out) == "".join(pieces)


def test_a_looping_model_is_stopped_and_its_stream_closed() -> None:
    closed = []

    def looping() -> Iterator[str]:
        try:
            yield "CONDUITE À TENIR :\n"
            for _ in range(50):
                yield "- Paracétamol 1 g trois fois par jour si douleur.\n"
        finally:
            closed.append(True)

    out = "".join(without_repeats(looping()))
    assert out.count("Paracétamol") == 1
    assert closed == [True]  # the request behind the stream is stopped


def test_repeats_apart_do_not_stop_the_stream() -> None:
    chunks = []
    for n in range(MAX_LOOP + 2):
        chunks += [LINE + "\n", f"New fact number {n} said in the consultation.\n"]
    out = "".join(without_repeats(chunks))
    assert out.count(LINE) == 1
    assert all(f"number {n} " in out for n in range(MAX_LOOP + 2))
