"""Numbers and doses of one note sentence against the transcript: a dose the consultation gives
otherwise, a number (in digits or words) or a duration nobody said, an age nobody said (amber:
from the record). Dates, list numbers and names ("COVID-19") are no quantities."""

from __future__ import annotations

from functools import lru_cache

from desktop.trust.ages import age_end, ages_said
from desktop.trust.analysis import Quantity, Unit, find_quantities, number_end, range_of
from desktop.trust.checks import Context
from desktop.trust.durations import TIME_UNITS, days, said_as_duration
from desktop.trust.index import TranscriptIndex
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import Flag
from desktop.trust.text import Token, add_number_words


def _said(
    q: Quantity, index: TranscriptIndex, lexicon: Lexicon, part: bool = False
) -> frozenset[int]:
    by_value = index.values.get(round(q.value, 6), frozenset())
    if q.unit in {"mg", "g", "mcg", "ml", "l"}:
        return by_value | index.bases.get(q.base(), frozenset())
    if q.unit in TIME_UNITS and not (part or q.rate):  # "two weeks" is not "two days"
        return _said_bare(q.value, index) | said_as_duration(q, index.durations, index.language)
    return by_value | said_as_duration(q, index.durations, index.language)


def _part_of_duration(unit: Unit, q: Quantity) -> bool:
    """ "34 weeks + 3 days", "1 year and 2 months": the smaller part of a compound duration,
    said in whatever words ("thirty-four and three"), is compared by its number alone."""
    before = [p for p in unit.quantities if p.index < q.index and p.unit in TIME_UNITS]
    if not before or q.index - before[-1].index > 4:
        return False
    joins = {t.word for t in unit.tokens[before[-1].index + 1 : q.index]}
    return bool(joins & {"+", "and", "et"})


def _said_bare(value: float, index: TranscriptIndex) -> frozenset[int]:
    """Segments saying the number alone in answer to "how long?" ("how long? about five",
    "depuis combien de temps ? - deux, trois"), not as another quantity; never one ("un
    peu", "one of them")."""
    if value == 1:
        return frozenset()
    segs = index.values.get(round(value, 6), frozenset())
    return frozenset(
        s
        for s in segs
        if any(q.value == value and not q.unit for q in index.units[s].quantities)
        and (
            _asks_how_long(index, s)
            or (s > 0 and _asks_how_long(index, s - 1))
            or _before_a_duration(index.units[s], value)
        )
    )


def _before_a_duration(unit: Unit, value: float) -> bool:
    """ "34 and 3-week-old", "two, three weeks": the number said just before a duration."""
    for q in unit.quantities:
        if q.value == value and not q.unit:
            after = [p for p in unit.quantities if q.index < p.index <= q.index + 3]
            if any(p.unit in TIME_UNITS for p in after):
                return True
    return False


_HOW_LONG = (
    ("how", "long"),
    ("since", "when"),
    ("depuis", "quand"),
    ("depuis", "combien"),
    ("combien", "de", "temps"),
    ("ca", "fait", "combien"),
)


def _asks_how_long(index: TranscriptIndex, s: int) -> bool:
    return s in _how_long_segments(index)


@lru_cache(maxsize=4)
def _how_long_segments(index: TranscriptIndex) -> frozenset[int]:
    """The segments asking how long something has lasted ("how long", "depuis quand")."""
    found = set()
    for s, unit in enumerate(index.units):
        words = [t.word for t in unit.tokens]
        if any(tuple(words[i : i + len(p)]) == p for p in _HOW_LONG for i in range(len(words))):
            found.add(s)
    return frozenset(found)


def _spelled(ctx: Context) -> list[tuple[Quantity, int]]:
    """Numbers written in words with their unit right after them ("deux semaines", "ten
    milligrams", "une semaine"), with the unit's token index. Not "a week" (any week), not
    "last week", not a frequency ("twice daily", "two a day")."""
    tokens = add_number_words(ctx.sentence.tokens, ctx.lexicon)
    out = []
    for q in find_quantities(tokens, ctx.lexicon):
        k = number_end(tokens, q.index)
        word = tokens[q.index].word
        if tokens[q.index].digit or not q.unit or k >= len(tokens):
            continue
        if word not in ctx.lexicon.number_words or word in {"a", "an"}:
            continue
        if ctx.lexicon.units.get(tokens[k].word) == q.unit and tokens[k].word != "daily":
            out.append((q, k))
    return out


def _quantity_end(ctx: Context, q: Quantity) -> int:
    nxt = q.index + 1
    tokens = ctx.sentence.tokens
    if q.unit and nxt < len(tokens) and tokens[nxt].word in ctx.lexicon.units:
        return nxt
    return q.index


def _near_doses(ctx: Context, canonical: str, q: Quantity) -> list[Quantity]:
    """Doses of the same dimension said after each mention of the drug and before the next
    drug ("lisinopril twenty milligrams and metformin one thousand milligrams"), or in the
    next segment when none follows in the same one."""
    dim = q.base()[0]
    out = []
    units = ctx.index.units
    for seg in ctx.index.drugs.get(canonical, ()):
        unit = units[seg]
        found = []
        for drug in (d for d in unit.drugs if d.canonical == canonical):
            stop = min((d.index for d in unit.drugs if d.index > drug.index), default=10**9)
            found += [d for d in unit.quantities if drug.index < d.index < stop]
        if not found and seg + 1 < len(units):
            found = units[seg + 1].quantities
        out += [d for d in found if d.unit and d.base()[0] == dim]
    return out


def _is_date(unit: Unit, q: Quantity) -> bool:
    """Years and parts of dates (10/05/2022, 06/19/07) come from the record, not from speech."""
    if q.value.is_integer() and 1900 <= q.value <= 2100 and not q.unit:
        return True
    tokens = unit.tokens
    if _short_date(tokens, q.index):
        return True
    around = tokens[max(q.index - 1, 0) : q.index + 2]
    return sum(t.word == "/" for t in around) >= 1 and any(
        t.value is not None and 1900 <= t.value <= 2100 for t in tokens[q.index : q.index + 5]
    )


def _short_date(tokens: list[Token], i: int) -> bool:
    """Token i is part of day/month/two-digit year: "01/10/09", "06/19/07"."""
    for start in (i - 4, i - 2, i):
        part = tokens[max(start, 0) : start + 5] if start >= 0 else []
        if len(part) < 5 or part[1].word != "/" or part[3].word != "/":
            continue
        numbers = part[0::2]
        if all(t.digit and len(t.word) <= 2 and t.value is not None for t in numbers[:2]) and (
            numbers[2].digit and len(numbers[2].word) in (2, 4)
        ):
            return all(t.value is not None and 0 < t.value <= 31 for t in numbers[:2])
    return False


def _is_list_number(ctx: Context, q: Quantity) -> bool:
    """ "3. Diabetes mellitus", "2) Anemia": the number of an item in a list, opening its line
    or its sentence ("1.  Bipolar disorder. 2.  Anemia.")."""
    tokens = ctx.sentence.tokens
    if q.index != 0 or not q.value.is_integer() or not 0 < q.value < 100:
        return False
    after = ctx.note[tokens[0].end : tokens[0].end + 2]
    if after[:1] not in {".", ")"} or after[1:2].isdigit():
        return False
    if len(tokens) <= 2 or after[:1] == ")":
        return True  # "2." alone, as the sentence splitter cuts a list written on one line
    return ctx.line_start and not ctx.note[: tokens[0].start].strip()


def _is_name(unit: Unit, q: Quantity) -> bool:
    """A number glued to a word by a hyphen names something ("COVID-19"), it is no quantity."""
    tokens, i = unit.tokens, q.index
    return (
        i >= 2
        and tokens[i - 1].word == "-"
        and tokens[i - 1].start == tokens[i - 2].end
        and tokens[i - 2].word.isalpha()
        and tokens[i - 2].word not in {"to", "a", "au"}
    )


def _range_said(ctx: Context, q: Quantity) -> bool:
    """q is an end of a duration range of two neighbouring numbers ("2-3 weeks", "1 à 2 jours")
    of which the consultation said one end as one value ("a couple of weeks"): the note
    widened what was said into the usual range, it made up no number. A wider range ("2-6
    weeks"), a range said ("one or two hours": compared end by end) and doses are left alone."""
    ends = range_of(ctx.sentence, q)
    if ends is None or q.unit not in TIME_UNITS or ends[1].value - ends[0].value != 1:
        return False
    language = ctx.index.language
    wanted = days(ends[0], language) | days(ends[1], language)
    return any(
        days(said, language) & wanted
        for unit in ctx.index.units
        for said in unit.quantities
        if said.unit in TIME_UNITS and not said.rate and range_of(unit, said) is None
    )


def _dose_mismatch(ctx: Context, q: Quantity) -> tuple[str, tuple[int, ...]] | None:
    """The consultation's dose when it gives this sentence's drug a different one."""
    if q.unit not in ctx.lexicon.dose_units:
        return None
    tok = ctx.sentence.tokens[q.index]
    before = [d for d in ctx.sentence.drugs if d.index < q.index]
    after = [d for d in ctx.sentence.drugs if d.index > q.index]
    owner = before[-1:] or after[:1]  # "lisinopril 20 mg and metformin 1000 mg"
    for drug in owner:
        near = _near_doses(ctx, drug.canonical, q)
        if near and all(d.base() != q.base() for d in near):
            said = f"{near[0].value:g} {near[0].unit}"
            reason = f"The consultation gives {drug.word} as {said}, not {tok.word} {q.unit}."
            return reason, ctx.index.drugs[drug.canonical][:3]
    return None


def check_numbers(ctx: Context) -> list[Flag]:
    flags = _check_digits(ctx)
    for q, last in _spelled(ctx):
        if _range_said(ctx, q):
            continue
        mismatch = _dose_mismatch(ctx, q)
        if mismatch:
            flags.append(ctx.flag("number", q.index, last, mismatch[0], mismatch[1]))
        elif (age := _age_flag(ctx, q)) is not None:
            flags += age
        elif not _said(q, ctx.index, ctx.lexicon):
            start, end = ctx.sentence.tokens[q.index].start, ctx.sentence.tokens[last].end
            reason = f"The number {ctx.note[start:end]} is not said in the consultation."
            flags.append(ctx.flag("number", q.index, last, reason))
    return flags


def _check_digits(ctx: Context) -> list[Flag]:
    flags = []
    for q in ctx.sentence.quantities:
        tok = ctx.sentence.tokens[q.index]
        if not tok.digit or _is_date(ctx.sentence, q) or _is_name(ctx.sentence, q):
            continue
        if _is_list_number(ctx, q):
            continue
        last = _quantity_end(ctx, q)
        if _range_said(ctx, q):
            continue
        mismatch = _dose_mismatch(ctx, q)
        if mismatch:
            flags.append(ctx.flag("number", q.index, last, mismatch[0], mismatch[1]))
        elif (age := _age_flag(ctx, q)) is not None:
            flags += age
        elif not _said(q, ctx.index, ctx.lexicon, _part_of_duration(ctx.sentence, q)):
            reason = f"The number {tok.word} is not said in the consultation."
            flags.append(ctx.flag("number", q.index, last, reason))
    return flags


def _age_flag(ctx: Context, q: Quantity) -> list[Flag] | None:
    """None when q is no age; else its flags: none when the consultation says it, a red
    number when it gives another age, an amber "age" (from the record?) when it gives none."""
    last = age_end(ctx.sentence.tokens, q.index)
    if last is None:
        return None
    if ctx.index.values.get(round(q.value, 6)):
        return []  # "he is fifty three!", "my son is nine"
    start, end = ctx.sentence.tokens[q.index].start, ctx.sentence.tokens[last].end
    text = ctx.note[start:end]
    if said := ages_said(ctx.index):
        other = ", ".join(f"{v:g}" for v in sorted(said))
        reason = (
            f"{text} is not said in the consultation, which gives the patient's age as {other}."
        )
        return [ctx.flag("number", q.index, last, reason)]
    reason = (
        f"The age {text} is not said in the consultation: check it against the patient's record."
    )
    return [ctx.flag("age", q.index, last, reason)]
