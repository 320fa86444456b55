"""Clause boundaries in a sentence's text, shared by the rules that read a window after a
cue or a name up to the end of its clause."""

from __future__ import annotations

import re


def clause_end(text: str, start: int, limit: int, stop_at_comma: bool = True) -> int:
    """Where the clause that starts at `start` ends: a semicolon, a quote, a dash, or ", said"."""
    pattern = r"[;“”\"]|\s[–—]\s|,\s+(?:said|who|which|where|while|emphasized|noted|spoke|in\b)"
    if stop_at_comma:
        pattern += r"|,\s+(?=[a-z])(?!and\b)"
    m = re.compile(pattern).search(text, start, limit)
    return m.start() if m else limit


def clause_start(text: str, end: int, limit: int) -> int:
    chunk = text[limit:end]
    cut = max(chunk.rfind(";"), chunk.rfind("“"), chunk.rfind("”"), chunk.rfind(". "))
    m = list(re.finditer(r"\b(?:said|emphasized|noted|with|at the|and also|recalled)\b", chunk))
    if m:
        cut = max(cut, m[-1].end())
    return limit + cut + 1 if cut >= 0 else limit
