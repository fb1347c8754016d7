"""Durations said one way and written another: "in a month" supports "4 weeks", "quinze jours"
supports "2 semaines", "a year" supports "12 months".

Each duration is turned into the day counts it conventionally stands for; two durations match
when they share one. Only the conversions a clinician makes without thinking are listed (a
month is 30 days or 4 weeks, a year 12 months or 52 weeks, French "huit jours" is a week and
"quinze jours" two), so a duration that was really not said still does not match: "in a month"
never supports "6 weeks", nor "two weeks" "13 days".
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.trust.analysis import Quantity

_DAYS: dict[str, tuple[float, ...]] = {
    "hour": (1 / 24,),
    "day": (1.0,),
    "week": (7.0,),
    "fortnight": (14.0,),
    "month": (30.0, 28.0),  # 30 days, 4 weeks
    "year": (365.0, 360.0, 364.0),  # 365 days, 12 months, 52 weeks
}
_FRENCH_IDIOMS = {8.0: 7.0, 15.0: 14.0}  # "huit jours" = a week, "quinze jours" = two weeks

TIME_UNITS = frozenset(_DAYS)


def days(q: Quantity, language: str = "en") -> frozenset[float]:
    """The day counts a duration stands for (empty when q is no duration)."""
    per = _DAYS.get(q.unit)
    if per is None or q.value <= 0:
        return frozenset()
    out = {round(q.value * d, 3) for d in per}
    if language == "fr" and q.unit == "day" and q.value in _FRENCH_IDIOMS:
        out.add(_FRENCH_IDIOMS[q.value])
    return frozenset(out)


def index_durations(
    quantities: Iterable[tuple[int, Quantity]], language: str
) -> dict[float, frozenset[int]]:
    """Day count -> segments that say a duration standing for it."""
    out: dict[float, set[int]] = {}
    for seg, q in quantities:
        for d in days(q, language):
            out.setdefault(d, set()).add(seg)
    return {k: frozenset(v) for k, v in out.items()}


def said_as_duration(
    q: Quantity, durations: dict[float, frozenset[int]], language: str
) -> frozenset[int]:
    """Segments saying the same span of time as q, in any of its usual units."""
    found: set[int] = set()
    for d in days(q, language):
        found |= durations.get(d, frozenset())
    return frozenset(found)
