"""A "no" dropped from a note sentence, seen in its grammar: "Reports any previous injuries" is
only English with a negation before it ("Denies any previous injuries"), because "any" after a
verb of reporting or having is a negative-polarity item; and "known" opening a clause ("Twin
sister: known health conditions.") is the fixed "no known ..." without its "no". Questions and
conditions ("if he has any questions") are left alone. French needs no such rule: "aucun" is
itself a negation."""

from __future__ import annotations

from desktop.trust.analysis import AFF
from desktop.trust.checks import Context
from desktop.trust.model import Flag
from desktop.trust.text import PUNCT, Token

_POLARITY_ITEMS = frozenset({"any", "anything"})
_ASSERTING = frozenset(
    {
        "reports",
        "reported",
        "endorses",
        "endorsed",
        "admits",
        "admitted",
        "notes",
        "noted",
        "describes",
        "described",
        "complains",
        "experienced",
        "experiences",
        "has",
        "had",
        "shows",
        "showed",
        "reveals",
        "revealed",
        "demonstrates",
        "demonstrated",
        "exhibits",
    }
)
_OPEN = frozenset({"if", "whether", "unless", "should", "when", "?", "call", "contact", "notify"})
_REACH = 2  # words between the verb and "any" ("reports having any")
_CLAUSE_OPENERS = frozenset({",", ":", ";", "."})


def check_dropped_negation(ctx: Context) -> list[Flag]:
    """ "Reports any X" / "has had any X": a negation flag from "any" to the end of its clause."""
    tokens, polarity = ctx.sentence.tokens, ctx.sentence.polarity
    if any(t.word in _OPEN for t in tokens):
        return []
    flags = []
    for i, t in enumerate(tokens):
        stated = polarity[i] == AFF and _after_assertion(tokens, i)
        if not (stated or _bare_known(tokens, i)):  # an opening 'known' negates itself
            continue
        end = i
        while end + 1 < len(tokens) and tokens[end + 1].word not in PUNCT:
            end += 1
        reason = f"“{t.word}” here reads as a lost “no”: the note may state what was denied."
        flags.append(ctx.flag("negation", i, end, reason))
    return flags


def _after_assertion(tokens: list[Token], i: int) -> bool:
    if tokens[i].word not in _POLARITY_ITEMS:
        return False
    return any(u.word in _ASSERTING for u in tokens[max(i - _REACH - 1, 0) : i])


def _bare_known(tokens: list[Token], i: int) -> bool:
    """ "known" opening a clause and followed by a word (not "well known", not "known to")."""
    if tokens[i].word != "known" or i + 1 >= len(tokens) or not tokens[i + 1].word.isalpha():
        return False
    return tokens[i + 1].word != "to" and (i == 0 or tokens[i - 1].word in _CLAUSE_OPENERS)
