"""Text → mentions and relation candidates: cleaning, entities, events, dates, relations."""


class ExtractionError(Exception):
    """The model could not be loaded or the text could not be processed.

    Defined here, away from spaCy, so that catching it costs no model import."""
