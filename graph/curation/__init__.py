"""Curation: analysts' decisions about the graph, kept as data and applied to every
document's contribution before it is written (see graph/curation/apply.py)."""
