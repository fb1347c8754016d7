"""A clinical term the note states and the consultation never says in any form: a condition
("enceinte", "pregnant", "diabetes"), a diagnosis ("cholecystitis", "pancréatite") or a vital
sign ("blood pressure", "température"). Flagged even when the rest of the sentence was said:
"Le patient est enceinte à 8 sur 10 pendant son accouchement" matches the pain compared to
childbirth word for word, except for the one word that matters."""

from __future__ import annotations

from functools import lru_cache

from desktop.trust.analysis import AFF, Unit, label_end
from desktop.trust.checks import Context
from desktop.trust.index import TranscriptIndex, matches
from desktop.trust.lexicon import Lexicon, load_frequencies
from desktop.trust.model import Flag
from desktop.trust.text import phrase_at, stem

# Endings of diagnoses (EN, FR); a word so ending counts when it is rare in everyday language.
_DIAGNOSIS_ENDINGS = (
    "itis",
    "osis",
    "emia",
    "aemia",
    "algia",
    "pathy",
    "ectomy",
    "ite",
    "ose",
    "emie",
    "algie",
    "pathie",
    "ectomie",
)
_RARE_ZIPF = 3.0  # rarer than this in everyday language (wordfreq's Zipf scale)
_MIN_LENGTH = 8
_NOT_TERMS = frozenset({"allergy", "allergic", "allergie", "allergique", "mmhg", "bpm"})
_HYPOTHETICAL = frozenset(
    {
        "if",
        "risk",
        "risks",
        "prevent",
        "avoid",
        "watch",
        "rule",
        "whether",
        "si",
        "risque",
        "eviter",
        "family",
        "mother",
        "father",
        "sister",
        "brother",
        "familiaux",
        "famille",
        "mere",
        "pere",
        "soeur",
        "frere",
    }
)


@lru_cache(maxsize=4)
def _term_phrases(lexicon: Lexicon, language: str) -> frozenset[tuple[str, ...]]:
    """The note language's own terms ("tension" is a French vital sign, an English word)."""
    phrases = lexicon.clinical_terms.get(language, frozenset())
    return frozenset(p for p in phrases if len("".join(p)) > 3 and p[0] not in _NOT_TERMS)


def _diagnosis_word(word: str, language: str) -> bool:
    if len(word) < _MIN_LENGTH or not word.isalpha() or not word.endswith(_DIAGNOSIS_ENDINGS):
        return False
    return load_frequencies(language).get(word, 0.0) < _RARE_ZIPF


_GENERIC = frozenset({"heart", "blood", "failure", "signs", "rate", "disease", "frequence"})


def _said(words: tuple[str, ...], index: TranscriptIndex, lexicon: Lexicon) -> bool:
    """A term is said when one of its telling words is ("oxygen" for "oxygen saturation"),
    as such, as a relative sharing all but its ending ("anemic" for "anemia") or a synonym
    ("afib" for "atrial fibrillation"); of a symptom qualified ("céphalées de tension"), the
    qualifier is the telling word."""
    telling = [w for w in words if w.isalpha() and len(w) > 2 and w not in _GENERIC]
    if len(telling) > 1:  # "tension headache": the headache said is not the diagnosis
        telling = [w for w in telling if w not in lexicon.findings] or telling
    return any(_word_said(w, index, lexicon) for w in telling or words)


def _word_said(word: str, index: TranscriptIndex, lexicon: Lexicon) -> bool:
    if matches(index, word, stem(word, index.language), lexicon):
        return True
    root = word[: max(len(word) - 2, 4)]
    return any(w.startswith(root) for w in index.words)


def _asserted(unit: Unit, i: int) -> bool:
    if unit.polarity[i] != AFF:
        return False
    return not any(t.word in _HYPOTHETICAL for t in unit.tokens[:i])


def _terms(unit: Unit, lexicon: Lexicon, language: str) -> list[tuple[int, int]]:
    """(first, last) token of each clinical term in the sentence, drugs left to the drug
    check. A longer symptom phrase covers a term's word ("tension musculaire")."""
    drugs = {d.index for d in unit.drugs}
    symptoms = lexicon.clinical_facts.get("symptom", frozenset())
    out = []
    i = 0
    while i < len(unit.tokens):
        n = phrase_at(unit.tokens, i, _term_phrases(lexicon, language))
        if not n and i not in drugs and _diagnosis_word(unit.tokens[i].word, language):
            n = 1
        covered = phrase_at(unit.tokens, i, symptoms)
        if n and covered <= n:
            out.append((i, i + n - 1))
        i += max(n, covered, 1)
    return out


def check_terms(ctx: Context) -> list[Flag]:
    unit, lex, index = ctx.sentence, ctx.lexicon, ctx.index
    flags = []
    label = label_end(unit.tokens)  # "Tension artérielle : non abordée" names, states nothing
    for first, last in _terms(unit, lex, index.language):
        if first < label or not _asserted(unit, first):
            continue
        words = tuple(t.word for t in unit.tokens[first : last + 1])
        if _said(words, index, lex):
            continue
        term = ctx.note[unit.tokens[first].start : unit.tokens[last].end]
        reason = f"The note says {term}, which the consultation never mentions."
        flags.append(ctx.flag("term", first, last, reason))
    return flags
