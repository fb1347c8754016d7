"""``check(note, transcript)``: link each note sentence to its evidence, flag risky content,
list omissions. Pure Python, no LLM; runs on whichever thread calls it (it is fast enough to
run on the GUI thread after each edit pause: the transcript's index is cached)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from desktop.asr.base import Segment
from desktop.trust.analysis import Unit, analyse, label_end
from desktop.trust.checks import Context, check_drugs
from desktop.trust.clinical import fact_kind
from desktop.trust.dropped import check_dropped_negation
from desktop.trust.findings import check_negations
from desktop.trust.index import Alignment, TranscriptIndex, align, build_index
from desktop.trust.laterality import check_laterality, sides_in
from desktop.trust.lexicon import Lexicon, load_lexicon
from desktop.trust.model import Flag, SentenceLink, TrustReport
from desktop.trust.numbers import check_numbers
from desktop.trust.omissions import check_allergies, omissions
from desktop.trust.placeholders import check_placeholders
from desktop.trust.repeats import check_repeats
from desktop.trust.terms import check_terms
from desktop.trust.text import (
    PUNCT,
    Token,
    add_number_words,
    detect_language,
    split_sentences,
    tokenize,
)

log = logging.getLogger(__name__)

SUPPORT_THRESHOLD = 0.4  # share of a sentence's content weight that must be found (dev-calibrated)
MIN_CONTENT = 3  # sentences with fewer content words are not judged by share
FULL_SENTENCE = 6  # words: a sentence this long is judged when none of its words was said
NONE_SAID_WEIGHT = 5.0  # and the words not said weigh this much (a rare term, a number)
_CACHE = 4096  # sentences kept checked


def check(note: str, transcript: Sequence[Segment], *, language: str = "auto") -> TrustReport:
    lexicon = load_lexicon()
    segments = tuple(transcript)
    if language == "auto":
        sample = note + " " + " ".join(s.text for s in segments[:200])
        language = detect_language(sample, lexicon)
    index = build_index(segments, language, lexicon)
    spans = split_sentences(note)
    texts = [note[sp.start : sp.end] for sp in spans]
    units = [_unit(text, language, lexicon) for text in texts]
    sides = [_sides(text, language, lexicon) for text in texts]
    all_sides = sum(sides, Counter())
    links: list[SentenceLink] = []
    flags: list[Flag] = []
    for sp, text, own_sides in zip(spans, texts, sides, strict=True):
        line_start = not note[note.rfind("\n", 0, sp.start) + 1 : sp.start].strip(" \t•*-–·")
        other = frozenset((all_sides - own_sides).items())
        link, found = _sentence(text, language, index, lexicon, other, line_start)
        links.append(replace(link, start=sp.start, end=sp.end))
        flags += [_shifted(f, sp.start) for f in found]
    flags += check_repeats(note, spans)
    flags += check_placeholders(note, spans)
    if index.units and any(u.content for u in units):
        flags += omissions(index, units, lexicon)
    log.debug(
        "trust check: %d sentences, %d segments, %d flags", len(links), len(segments), len(flags)
    )
    return TrustReport(language, links, flags)


@lru_cache(maxsize=_CACHE)
def _unit(text: str, language: str, lexicon: Lexicon) -> Unit:
    return analyse(_note_tokens(text, language, lexicon), 0, len(text), lexicon, note=True)


def _note_tokens(text: str, language: str, lexicon: Lexicon) -> list[Token]:
    """The sentence's tokens, spelled-out numbers valued as the transcript's are ("deux
    enfants" is supported by "2 enfants", "two weeks" by "2 weeks"); articles stay words ("a
    week", "une douleur")."""
    plain = tokenize(text, language)
    valued = add_number_words(plain, lexicon)
    return [
        v if v.value is None or v.digit or v.value != 1 or v.word == "one" else p
        for p, v in zip(plain, valued, strict=True)
    ]


@lru_cache(maxsize=_CACHE)
def _sides(text: str, language: str, lexicon: Lexicon) -> Counter[tuple[str, str]]:
    return sides_in(_unit(text, language, lexicon), lexicon)


@lru_cache(maxsize=_CACHE)
def _sentence(
    text: str,
    language: str,
    index: TranscriptIndex,
    lexicon: Lexicon,
    other_sides: frozenset[tuple[tuple[str, str], int]],
    line_start: bool,
) -> tuple[SentenceLink, tuple[Flag, ...]]:
    """One sentence checked, spans relative to its start. Cached: re-checking a note after an
    edit only redoes the sentences that changed (or whose context did)."""
    unit = _unit(text, language, lexicon)
    alignment = align(unit, index, lexicon)
    examined = exam_said(index)
    structure = _heading(text) or _structure(text, unit)
    judged = not structure and (
        _judged(text, unit, lexicon, examined)
        or _none_said(text, unit, alignment, lexicon, examined)
    )
    fact = None if structure else fact_kind(unit, lexicon)
    if not (judged or examined or structure) and _exam_claim(unit, fact, lexicon):
        judged = True  # "Examen neurologique normal." when nobody examined: short, still judged
    score = round(alignment.score, 3)
    link = SentenceLink(0, len(text), alignment.segments, score, judged, fact)
    if not index.units or _heading(text):
        return link, ()
    ctx = Context(text, unit, alignment, index, lexicon, Counter(dict(other_sides)), line_start)
    flags = []
    if judged and alignment.score < SUPPORT_THRESHOLD:
        flags.append(_unsupported(ctx, alignment))
    flags += check_numbers(ctx) + check_drugs(ctx) + check_laterality(ctx) + check_negations(ctx)
    flags += check_allergies(ctx) + check_dropped_negation(ctx)
    if not structure:  # "Vital signs were not discussed." names a topic, claims nothing
        flags += check_terms(ctx)
    return link, tuple(replace(f, clinical=fact is not None, fact=fact) for f in flags)


def _shifted(flag: Flag, offset: int) -> Flag:
    if flag.note_span is None or offset == 0:
        return flag
    start, end = flag.note_span
    return replace(flag, note_span=(start + offset, end + offset))


def _judged(note: str, unit: Unit, lexicon: Lexicon, examined: bool = True) -> bool:
    """Headings, short sentences and normal-exam template sentences are not judged."""
    text = note[unit.start : unit.end]
    if _heading(text) or _title(text) or _label_only(text):
        return False
    words = _content_words(unit)
    if len(unit.content) < MIN_CONTENT or len(set(words)) < 2:
        return False
    return not (examined and _template(words, lexicon))


def _none_said(
    text: str, unit: Unit, alignment: Alignment, lexicon: Lexicon, examined: bool = True
) -> bool:
    """A full sentence with few content words, none of them in the consultation, and they
    weigh: "He will contact me should he continue to experience any dyspnea." is judged."""
    if alignment.score > 0 or alignment.weight < NONE_SAID_WEIGHT:
        return False
    if _heading(text) or _title(text) or len(re.findall(r"[^\W\d_]+", text)) < FULL_SENTENCE:
        return False
    return not (examined and _template(_content_words(unit), lexicon))


def _content_words(unit: Unit) -> list[str]:
    return [t.word for t in unit.tokens if t.stem in unit.content and t.value is None]


_EXAM_STEMS = ("exam", "listen", "auscult", "palp")


@lru_cache(maxsize=4)
def exam_said(index: TranscriptIndex) -> bool:
    """Whether the consultation holds an examination (the doctor narrating it, "let me take a
    listen", "je vais vous examiner"). A normal-exam template sentence ("Lungs clear to
    auscultation") is left alone where there was one, and judged where there was none."""
    return any(stem.startswith(_EXAM_STEMS) for stem in index.postings)


def _exam_claim(unit: Unit, fact: str | None, lexicon: Lexicon) -> bool:
    """An examination finding ("Lungs clear.", "Auscultation pulmonaire normale.", "Patient
    conscient et orienté."), however short."""
    words = _content_words(unit)
    return bool(words) and (fact == "exam" or _template(words, lexicon))


def _template(words: list[str], lexicon: Lexicon) -> bool:
    """A normal-exam template sentence: most of its content words are the template's."""
    return sum(w in lexicon.template for w in words) >= 0.6 * max(len(words), 1)


def _label_only(text: str) -> bool:
    """ "History of the present complaint:", "**Vital signs:**": a label whose content follows
    on the next lines."""
    return text.rstrip(" *_").endswith(":")


# What a label is followed by when the section holds nothing: no fact is stated.
_NOTHING = frozenset(
    {
        ("not", "discussed"),
        ("not", "mentioned"),
        ("not", "assessed"),
        ("not", "done"),
        ("not", "taken"),
        ("not", "examined"),
        ("not", "recorded"),
        ("none",),
        ("n", "/", "a"),
        ("non", "aborde"),
        ("non", "abordee"),
        ("non", "abordes"),
        ("non", "abordees"),
        ("non", "precise"),
        ("non", "precisee"),
        ("non", "renseigne"),
        ("non", "prise"),
        ("non", "pris"),
        ("non", "fait"),
        ("non", "faite"),
        ("non", "mesure"),
        ("non", "mesuree"),
        ("neant",),
    }
)


# "Vital signs were not discussed.", "Les constantes n'ont pas été abordées.", "Examen clinique
# non réalisé.": a topic said not to be covered (the verb last, a negation just before it).
_NOT_COVERED = frozenset(
    {
        "discussed", "mentioned", "assessed", "done", "taken", "examined", "recorded",
        "performed", "reported", "aborde", "abordee", "abordes", "abordees", "evoque", "evoquee",
        "evoques", "evoquees", "realise", "realisee", "realises", "realisees", "precise",
        "precisee", "mesure", "mesuree", "fait", "faite",
    }
)  # fmt: skip
_NEGATIONS = frozenset({"not", "pas", "non"})
_MAX_TOPIC_WORDS = 6  # "Vital signs", "Les résultats des examens complémentaires"


def _not_covered(unit: Unit) -> bool:
    """A short sentence that only says its topic was not covered: no number, nothing after the
    verb, no second clause."""
    words = [t.word for t in unit.tokens if t.word not in PUNCT]
    if any(t.value is not None for t in unit.tokens) or any(t.word in ",;" for t in unit.tokens):
        return False
    if len(words) < 3 or words[-1] not in _NOT_COVERED:
        return False
    negation = [i for i, w in enumerate(words[-4:-1]) if w in _NEGATIONS]
    return bool(negation) and len(words) - 4 + negation[0] <= _MAX_TOPIC_WORDS


def states_nothing(text: str, language: str) -> bool:
    """``text`` only says its topic was not covered ("Vital signs were not discussed.")."""
    return _not_covered(_unit(text, language, load_lexicon()))


def _structure(text: str, unit: Unit) -> bool:
    """A label alone, a label followed only by "not discussed" / "non abordé", or a sentence that
    says its topic was not covered: the note's structure, stating no clinical fact."""
    if _label_only(text) or _not_covered(unit):
        return True
    end = label_end(unit.tokens)
    body = tuple(t.word for t in unit.tokens[end:] if t.word not in PUNCT)
    return end > 0 and body in _NOTHING


def _heading(text: str) -> bool:
    return text.isupper() and not text.endswith(".")


def _title(text: str) -> bool:
    """ "Hematology/Lymphatic/Immunology", "MiraLax": a short title-case line without a full
    stop states nothing to look for in the consultation (its drugs and numbers are still
    checked)."""
    words = re.findall(r"[^\W\d_]+", text)
    return (
        not text.endswith((".", "!", "?"))
        and 0 < len(words) <= 4
        and all(w[0].isupper() for w in words)
    )


def _unsupported(ctx: Context, alignment: Alignment) -> Flag:
    unit = ctx.sentence
    missing = ", ".join(alignment.missing[:4])
    reason = f"Not found in the consultation (no mention of {missing})."
    return Flag(
        "unsupported",
        (unit.start, unit.end),
        ctx.note[unit.start : unit.end],
        reason,
        alignment.segments,
        ctx.index.text(alignment.segments),
    )


def clear_cache() -> None:
    build_index.cache_clear()
    clear_sentence_cache()


def clear_sentence_cache() -> None:
    _sentence.cache_clear()
    _unit.cache_clear()
    _sides.cache_clear()


__all__ = ["Lexicon", "TranscriptIndex", "check", "clear_cache", "clear_sentence_cache"]
