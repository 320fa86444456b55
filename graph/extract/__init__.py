"""Text → mentions and relation candidates: cleaning, entities, events, dates, relations."""
