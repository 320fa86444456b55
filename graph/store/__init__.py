"""Graph stores: one interface (base.py), an embedded networkx store and a Neo4j store."""
