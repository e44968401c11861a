"""The word lists hints use (family words, child labels, titles ...), read from pack data.

They live in ``rules/people.yaml`` under ``vocabulary:``, beside the rule packs, so one list
serves every hint and is not kept in code as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ConfigError
from ..yaml_files import parse_yaml

VOCABULARY_FILE = "people.yaml"


@dataclass(frozen=True)
class Vocabulary:
    """Word lists for finding and naming people in a sentence (all lower case)."""

    kin: dict[str, str]  # word -> the pronoun that refers back to it ("mum" -> "she")
    groups: dict[str, str]  # "parents" -> "[parents' names]"
    child_labels: frozenset[str]
    titles: frozenset[str]  # as written: "Mr", "Dr"
    not_people: frozenset[str]
    engagement: re.Pattern[str]
    attendance: re.Pattern[str]
    not_topics: frozenset[str]
    helpers: frozenset[str]
    intransitive: frozenset[str] = frozenset()  # verbs with no passive ("cry", "laugh")

    @property
    def family_words(self) -> frozenset[str]:
        """Every word that names a family member or carer: kin, groups and titles."""
        return frozenset(self.kin) | frozenset(self.groups) | {t.lower() for t in self.titles}

    def is_child_label(self, words: str) -> bool:
        """'the child', 'this young person', 'YP' ..."""
        low = re.sub(r"^(?:the|this|our)\s+", "", words.strip().lower())
        return low in self.child_labels


def _stems(words: list[str]) -> re.Pattern[str]:
    parts = [r"\s+".join(re.escape(w) for w in word.split()) for word in words]
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(sorted(parts, key=len, reverse=True))})", re.I)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (read once)."""
    from ..checks.packs import builtin_rules_dir

    path = builtin_rules_dir() / VOCABULARY_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read the hint vocabulary: {exc}") from None
    data, _ = parse_yaml(text, str(path), ConfigError)
    words = (data or {}).get("vocabulary") if isinstance(data, dict) else None
    if not isinstance(words, dict):
        raise ConfigError(str(path), "missing the 'vocabulary' mapping")
    kin = {w.lower(): pronoun for pronoun, ws in words["kin"].items() for w in ws}
    return Vocabulary(
        kin=kin,
        groups={k.lower(): v for k, v in words["groups"].items()},
        child_labels=frozenset(w.lower() for w in words["child_labels"]),
        titles=frozenset(words["titles"]),
        not_people=frozenset(w.lower() for w in words["not_people"]),
        engagement=_stems(words["engagement"]),
        attendance=_stems(words["attendance"]),
        not_topics=frozenset(w.lower() for w in words["not_topics"]),
        helpers=frozenset(w.lower() for w in words["helpers"]),
        intransitive=frozenset(w.lower() for w in words.get("intransitive", ())),
    )
