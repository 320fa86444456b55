"""`python -m app.neo4j_server start` is `actorgraph neo4j start` without loading the rest
of the command (scripts/neo4j.sh uses it)."""

from app.cli_neo4j import run

if __name__ == "__main__":
    run()
