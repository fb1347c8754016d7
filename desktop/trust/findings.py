"""Negation check by the polarity of each finding: a symptom or sign the note states is looked
up in the transcript, where each mention is stated, denied or only asked about.

- The note states a finding the consultation only ever denies -> flag ("denied").
- The note denies a symptom the consultation only ever reports -> flag ("reported").
- The note states a specific finding the consultation never mentions -> ``negation`` flag on
  that word (typically a "no" dropped from an exam template: "wheezes, rales or rhonchi").

Generic findings ("pain", "swelling", "weight") are judged with their qualifier from the note
("pain in the calf", "weight loss"): a transcript mention counts only when a qualifier word is
said near it. Lay phrasings come from ``finding_phrases`` ("hematuria" <- "blood ... urine").
"""

from __future__ import annotations

from desktop.trust.analysis import AFF, NEG, Unit, label_end
from desktop.trust.checks import Context
from desktop.trust.finding_counts import QUALIFIER_REACH, Counts, finding_counts, finding_stems
from desktop.trust.index import matches, synonyms_of
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import Flag
from desktop.trust.text import PUNCT, stem

_HYPOTHETICAL = frozenset(
    {
        "if",
        "aware",
        "watch",
        "monitor",
        "risk",
        "risks",
        "prevent",
        "preventing",
        "avoid",
        "possible",
        "possibility",
        "concern",
        "concerned",
        "worried",
        "should",
        "unless",
        "whether",
        "si",
        "surveiller",
        "risque",
        "risques",
        "eviter",
        "prevenir",
        "cas",
    }
)


def _hypothetical(unit: Unit, i: int) -> bool:
    """ "watch for fever", "if he experiences diarrhea": a finding the note does not assert."""
    return any(t.word in _HYPOTHETICAL for t in unit.tokens[:i])


def _unsaid(unit: Unit, i: int, counts: Counts, lexicon: Lexicon, language: str) -> bool:
    """A specific finding (not "pain", not a measurement like "breaths per minute") that the
    consultation never mentions in any way: often a dropped "no" in an exam template."""
    if counts.stated or counts.denied or counts.asked:
        return False
    if unit.tokens[i].stem in finding_stems(lexicon, language)[1]:
        return False
    return not (i + 1 < len(unit.tokens) and unit.tokens[i + 1].word in {"per", "par", "/"})


_NOT_THINGS = frozenset(
    {
        "couple",
        "several",
        "few",
        "many",
        "lot",
        "lots",
        "times",
        "time",
        "winter",
        "summer",
        "spring",
        "autumn",
        "morning",
        "evening",
        "night",
        "questions",
        "question",
        "things",
        "thing",
        "other",
        "others",
        "anything",
        "something",
        "nothing",
        "everything",
        "today",
        "sometimes",
        "changes",
        "change",
        "problems",
        "problem",
        "issues",
        "issue",
    }
)


def _noun(word: str) -> bool:
    """Roughly a thing or a condition (not "taking", "extended", "couple", "questions")."""
    return (
        len(word) > 3
        and word.isalpha()
        and word not in _NOT_THINGS
        and not word.endswith(("ing", "ed", "ly"))
    )


def _qualifies(unit: Unit, i: int, findings: frozenset[str]) -> bool:
    """ "chest" in "chest pain": the finding next to it is judged, with it as its site."""
    for k in range(max(i - QUALIFIER_REACH, 0), min(i + QUALIFIER_REACH + 1, len(unit.tokens))):
        if k != i and unit.tokens[k].stem in findings:
            between = unit.tokens[min(i, k) : max(i, k)]
            if not any(t.word in PUNCT or t.word == "," for t in between):
                return True
    return False


def _candidate(unit: Unit, i: int, findings: frozenset[str], lexicon: Lexicon) -> bool:
    """A listed finding, or any content word the note states (judged only one way)."""
    t = unit.tokens[i]
    if unit.polarity[i] not in (AFF, NEG):
        return False
    return t.stem in findings or (
        unit.polarity[i] == AFF
        and t.stem in unit.content
        and t.value is None
        and len(t.word) > 4
        and t.word not in lexicon.documentation
    )


def _counts(ctx: Context, i: int) -> Counts | None:
    unit, lex = ctx.sentence, ctx.lexicon
    counts = finding_counts(ctx.index, unit, i, lex)
    if unit.polarity[i] == AFF and (counts is None or counts.total == 0):
        # "reports numbness": said nowhere with this site, is it ever stated at all?
        counts = finding_counts(ctx.index, unit, i, lex, qualified=False)
    return counts


def _said_otherwise(ctx: Context, word: str, stem_: str) -> str | None:
    """How the consultation speaks of a finding in other words (a relative or a synonym):
    AFF when stated or asked anywhere, NEG when only ever denied, None when never."""
    segments = matches(ctx.index, word, stem_, ctx.lexicon)
    if not segments:
        return None
    lang = ctx.index.language
    stems = {stem_} | {stem(w, lang) for w in synonyms_of(word, ctx.lexicon)}
    seen = set()
    for s in segments:
        unit = ctx.index.units[s]
        seen |= {p for t, p in zip(unit.tokens, unit.polarity, strict=True) if t.stem in stems}
    return NEG if seen == {NEG} else AFF


def _verdict(ctx: Context, i: int, counts: Counts, findings: frozenset[str]) -> Flag | None:
    unit, t = ctx.sentence, ctx.sentence.tokens[i]
    stated_here = unit.polarity[i] == AFF
    if t.stem not in findings:  # other words: only "stated here, only ever denied there"
        denied_only = counts.denied and not counts.stated
        if not (denied_only and _noun(t.word) and not _qualifies(unit, i, findings)):
            return None
    if stated_here and counts.denied and not counts.stated:
        return ctx.flag("negation", i, i, f"In the consultation, {t.word} is denied.")
    if stated_here and _unsaid(unit, i, counts, ctx.lexicon, ctx.index.language):
        said = _said_otherwise(ctx, t.word, t.stem)
        if said == NEG:  # only denied in other words: "no trouble breathing"
            return ctx.flag("negation", i, i, f"In the consultation, {t.word} is denied.")
        if said is not None:
            return None  # said in other words: "nasal congestion" for a stuffy nose
        # A symptom or sign asserted and never discussed is mostly a template's "no" dropped.
        reason = f"The note states {t.word}, which the consultation never mentions (a lost “no”?)."
        return ctx.flag("negation", i, i, reason)
    if not stated_here and counts.stated and not counts.denied:
        reason = f"In the consultation, {t.word} is reported, not denied."
        return ctx.flag("negation", i, i, reason)
    return None


def check_negations(ctx: Context) -> list[Flag]:
    """A finding stated in the note but only denied in the consultation, or denied in the note
    but only reported there; a specific finding stated and never mentioned."""
    flags = []
    unit = ctx.sentence
    findings = finding_stems(ctx.lexicon, ctx.index.language)[0]
    for i in range(label_end(unit.tokens), len(unit.tokens)):  # "Fever: none." asserts no fever
        if not _candidate(unit, i, findings, ctx.lexicon):
            continue
        if unit.polarity[i] == AFF and _hypothetical(unit, i):
            continue
        counts = _counts(ctx, i)
        flag = _verdict(ctx, i, counts, findings) if counts is not None else None
        if flag is not None:
            flags.append(flag)
    return flags
