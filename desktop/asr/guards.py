"""Guards against Whisper's known faults: credits invented in silence or noise, looped phrases,
more text than the audio holds.

Pure text functions, shared by every backend and by the live policy. They only remove text that
Whisper is known to invent; they never rewrite what was said.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.asr.base import Segment

# Phrases Whisper learnt from subtitle files and emits over silence, music or noise. A segment is
# dropped only when it is little more than one of these (so a doctor saying "thank you" stays).
_CREDIT_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"\bsous[- ]?titr\w*\b.*\b(par|amara|communaute|st ?501|radio[- ]canada)\b",
        r"\bamara ?\.? ?org\b",
        r"\b(thanks|thank you) (so much )?for watching\b",
        r"\bmerci d ?avoir regarde\b",
        r"\bsubtitles? (by|made by|created by)\b",
        r"\b(transcribed|translated|captioned|captions) by\b",
        r"\b(please|like and) subscribe\b",
        r"\babonnez[- ]vous\b",
        r"\bwww ?\. ?\w+ ?\. ?(com|org|fr|net)\b",
        r"\bn ?oubliez pas de (vous abonner|liker)\b",
    )
)
_MAX_CREDIT_EXTRA_WORDS = 6  # words around the credit phrase (names, a channel) still count

_WORD = re.compile(r"\S+")

# More letters than this a second (plus the slack) were not all said in the audio decoded: the
# fastest speech in the bench recordings is 21 a second (espeak French), 17 (Piper English).
MAX_LETTERS_PER_S = 25
LETTERS_SLACK = 8


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces (for comparisons only)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^\w.]+", " ", plain)
    return re.sub(r"\s+", " ", plain).strip()


def is_credit(text: str) -> bool:
    """True when ``text`` is a subtitle credit or channel outro rather than speech."""
    norm = normalise(text)
    if not norm:
        return False
    for pattern in _CREDIT_PATTERNS:
        match = pattern.search(norm)
        if match is None:
            continue
        extra = len(norm[: match.start()].split()) + len(norm[match.end() :].split())
        if extra <= _MAX_CREDIT_EXTRA_WORDS:
            return True
    return False


def collapse_repeats(text: str, *, min_phrase_repeats: int = 3, min_word_repeats: int = 4) -> str:
    """Keep one copy of a phrase looped in a row ("I feel I feel I feel I feel").

    A phrase of 2-3 words repeated ``min_phrase_repeats`` times, one word repeated
    ``min_word_repeats`` times, or a phrase of 4+ words said twice running is Whisper's decoding
    loop, not speech.
    """
    words = _WORD.findall(text)
    if len(words) < min_word_repeats:
        return text
    keys = [re.sub(r"\W+", "", normalise(w)) for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        skip = _loop_length(keys, i, min_phrase_repeats, min_word_repeats)
        if skip:
            size, count = skip
            out.extend(words[i : i + size])
            i += size * count
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def _loop_length(
    keys: list[str], i: int, min_phrase_repeats: int, min_word_repeats: int
) -> tuple[int, int] | None:
    """The (phrase size, repeat count) of a loop starting at ``i``, if there is one."""
    max_size = (len(keys) - i) // 2
    for size in range(1, min(max_size, 30) + 1):
        phrase = keys[i : i + size]
        count = 1
        while keys[i + count * size : i + (count + 1) * size] == phrase:
            count += 1
        needed = min_word_repeats if size == 1 else min_phrase_repeats if size < 4 else 2
        if count >= needed:
            return size, count
    return None


def drop_looped_segments(segments: list[Segment], *, min_repeats: int = 3) -> tuple[Segment, ...]:
    """Keep the first of ``min_repeats``+ consecutive segments with the same words ("Debt."
    "Debt." "Debt."): Whisper looping across its 30 s windows over noise."""
    kept: list[Segment] = []
    i = 0
    while i < len(segments):
        key = _words_key(segments[i].text)
        j = i + 1
        while j < len(segments) and _words_key(segments[j].text) == key:
            j += 1
        kept.extend(segments[i : i + 1] if j - i >= min_repeats else segments[i:j])
        i = j
    return tuple(kept)


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", normalise(text)))


def clean_text(text: str) -> str:
    """The text to keep for one decoded segment ("" = drop it)."""
    if is_credit(text) or not any(c.isalnum() for c in text):
        return ""  # credits, or only punctuation ("...", "♪")
    return collapse_repeats(text.strip())


def overfull(text: str, seconds: float) -> bool:
    """More text than anyone says in ``seconds``: words from elsewhere, such as a context said
    again. In a 32-minute replay, the patient's "Mm-hmm." (1.5 s) after the doctor's "And a
    little dizziness, and we just talked a lot about a lot of other symptoms." came out "M-M-H-M
    And a little dizziness, and we just talked a lot about a lot of": 53 letters in 1.5 s.
    Letters, not words: French elisions make many short words ("qu'est-ce que")."""
    letters = len(re.sub(r"[\W\d_]+", "", text))
    return letters > MAX_LETTERS_PER_S * seconds + LETTERS_SLACK
