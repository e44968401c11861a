"""Telling reported speech in quotation marks from the writer's own labels in quotes.

Someone's own words in quotation marks are exempt from the rules: people's words are never
"corrected". A label the writer puts in quotation marks with nobody speaking ("mum was
'kicking off' again", "a 'difficult' parent") is the writer's word all the same, and is
checked. A quotation counts as reported speech when

- a reporting verb (said, told, asked, wrote, signed, described ... as ...) comes earlier in
  its sentence, or a colon comes just before it;
- a reporting verb follows it (``"Not today," she said``);
- or it speaks in the first or second person ("I want to go home", "you never listen").
"""

from __future__ import annotations

import re

_REPORTING = (
    r"(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|ask(?:s|ed|ing)?|repl(?:y|ies|ied|ying)"
    r"|answer(?:s|ed|ing)?|wr(?:ite|ites|ote|itten|iting)|sign(?:ed|ing)|call(?:s|ed|ing)?"
    r"|describ(?:e|es|ed|ing)|explain(?:s|ed|ing)?|add(?:s|ed|ing)?|stat(?:e|es|ed|ing)"
    r"|shout(?:s|ed|ing)?|scream(?:s|ed|ing)?|yell(?:s|ed|ing)?|cr(?:y|ies|ied|ying)"
    r"|whisper(?:s|ed|ing)?|text(?:s|ed|ing)?|messag(?:e|es|ed|ing)|typ(?:e|es|ed|ing)"
    r"|mouth(?:s|ed|ing)?|s(?:ing|ings|ang|ung)|laugh(?:s|ed|ing)?|insist(?:s|ed|ing)?"
    r"|admit(?:s|ted|ting)?|report(?:s|ed|ing)?|mention(?:s|ed|ing)?|comment(?:s|ed|ing)?"
    r"|complain(?:s|ed|ing)?|disclos(?:e|es|ed|ing)|point(?:s|ed|ing)?|look(?:s|ed|ing)?\s+at"
    r"|chose|choos(?:e|es|ing)|colou?r(?:s|ed|ing)?|press(?:es|ed|ing)?|pick(?:s|ed|ing)?"
    r"|hand(?:s|ed|ing)|spell(?:s|ed|ing)?|nam(?:e|es|ed|ing)|word(?:s|ed)?|phrase|language"
    r"|put\s+it|us(?:e|es|ed|ing)\s+the\s+words?|in\s+(?:her|his|their|my)\s+(?:own\s+)?words)"
)
_CUE_BEFORE = re.compile(rf"(?<![^\W_]){_REPORTING}(?![^\W_])|:\s*$", re.IGNORECASE)
_CUE_AFTER = re.compile(
    rf"^\W{{0,3}}\s*(?:(?:she|he|they|I|we|[A-Z]\w+|(?:her|his|their)\s+\w+)\s+{_REPORTING}"
    rf"|{_REPORTING}(?![^\W_]))",
    re.IGNORECASE,
)
_PERSONAL = re.compile(
    r"(?<![^\W_])(?:I|I[’']m|I[’']ll|I[’']ve|I[’']d|me|my|mine|we|us|our|you|your)(?![^\W_])"
)


def is_reported(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Is the quotation ``text[start:end]`` someone's reported words (not a scare quote)?

    ``sentence_start`` is where the quotation's sentence begins.
    """
    before = text[sentence_start:start]
    if _CUE_BEFORE.search(before):
        return True
    if _CUE_AFTER.match(text[end : end + 40]):
        return True
    return bool(_PERSONAL.search(text[start + 1 : end - 1]))
