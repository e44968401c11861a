"""Rewrite templates built from the writer's own sentence (used in hints)."""

from __future__ import annotations

from typing import Any

_IRREGULAR_PAST = {
    "seen": "saw", "taken": "took", "given": "gave", "written": "wrote", "done": "did",
    "known": "knew", "shown": "showed", "spoken": "spoke", "chosen": "chose", "driven": "drove",
    "begun": "began", "drawn": "drew", "grown": "grew", "thrown": "threw", "withdrawn": "withdrew",
    "stolen": "stole", "beaten": "beat", "bitten": "bit", "hidden": "hid", "forgotten": "forgot",
    "broken": "broke", "woken": "woke", "worn": "wore", "torn": "tore", "undertaken": "undertook",
    "overtaken": "overtook", "rung": "rang", "sung": "sang", "shaken": "shook", "gone": "went",
    "eaten": "ate", "fallen": "fell", "forbidden": "forbade", "frozen": "froze", "risen": "rose",
    "mistaken": "mistook", "arisen": "arose", "been": "was", "overseen": "oversaw",
}  # fmt: skip


def past_tense(participle: str) -> str:
    """The simple past of a past participle ('seen' -> 'saw', 'decided' -> 'decided')."""
    return _IRREGULAR_PAST.get(participle.lower(), participle.lower())


def passive_template(doc: Any, verb: Any, child: str | None) -> str:
    """Turn an agentless passive sentence into an active one with a [Who] slot."""
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
    modals = [c for c in children if c.dep_ == "aux" and c.i < verb.i and c.tag_ == "MD"]
    negated = any(c.dep_ == "neg" for c in children)
    if modals:
        verb_form = f"{modals[0].lower_} {'not ' if negated else ''}{verb.lemma_.lower()}"
    elif negated:
        verb_form = f"did not {verb.lemma_.lower()}"
    else:
        verb_form = past_tense(verb.text)
    rest_tokens = [t for t in doc if t.i > verb.i]
    rest = "".join(t.text_with_ws for t in rest_tokens).strip().rstrip(".")
    if subject is not None and subject.lower_ != "it":
        span = doc[subject.left_edge.i : subject.right_edge.i + 1]
        obj = span.text
        if span[0].i == 0 and span[0].pos_ != "PROPN" and obj[:1].isupper():
            obj = obj[:1].lower() + obj[1:]
        pieces = ["[Who]", verb_form, obj, rest]
    else:
        pieces = ["[Who]", verb_form, rest]
    sentence = " ".join(p for p in pieces if p)
    return f"{sentence}, because [why]."
