"""Example payloads shown in the OpenAPI schema (kept short; real ones come from the seeds)."""

from __future__ import annotations

from typing import Any

EVIDENCE: dict[str, Any] = {
    "document": "doc:000_aed1e656c6466fb5",
    "sentence": "Vyacheslav Volodin held special bilateral meeting the President of the National "
    "Assembly of People’s Power and the Council of State of Cuba Juan Esteban Lazo Hernández.",
    "start": 10533,
    "end": 10701,
}

GRAPH: dict[str, Any] = {
    "nodes": [
        {
            "id": "person:vyacheslav-volodin",
            "type": "Person",
            "name": "Vyacheslav Volodin",
            "aliases": [],
        },
        {
            "id": "person:juan-esteban-lazo-hernandez",
            "type": "Person",
            "name": "Juan Esteban Lazo Hernández",
            "aliases": [],
        },
    ],
    "edges": [
        {
            "id": "rel:e5320f0cb328f3cd",
            "source": "person:juan-esteban-lazo-hernandez",
            "target": "person:vyacheslav-volodin",
            "type": "MET_WITH",
            "evidence": [EVIDENCE],
        }
    ],
}

DOCUMENT_LIST: dict[str, Any] = {
    "total": 2,
    "limit": 100,
    "offset": 0,
    "documents": [
        {
            "id": "doc:000_aed1e656c6466fb5",
            "title": "Russian-Latin American Parliamentarians Share Thoughts …",
            "author": "Kester Kenn Klomegah",
            "publisher": "Global Research",
            "date": "2023-10-02",
            "source": "seeds/000_aed1e656c6466fb5.txt",
            "chars": 13801,
            "sha256": "83b92032c78e2035fe2f4b170e2ca7faf5cab6311509cba5c4aa75f1406fb355",
        }
    ],
}

DOCUMENT_VIEW: dict[str, Any] = {
    "id": "doc:000_aed1e656c6466fb5",
    "title": "Russian-Latin American Parliamentarians Share Thoughts …",
    "publisher": "Global Research",
    "date": "2023-10-02",
    "text": "… Vyacheslav Volodin held special bilateral meeting …",
    "mentions": [
        {
            "start": 10533,
            "end": 10551,
            "text": "Vyacheslav Volodin",
            "entity": "person:vyacheslav-volodin",
            "type": "Person",
            "name": "Vyacheslav Volodin",
        }
    ],
    "relations": [
        {
            "id": "rel:e5320f0cb328f3cd",
            "type": "MET_WITH",
            "source": {
                "id": "person:juan-esteban-lazo-hernandez",
                "type": "Person",
                "name": "Juan Esteban Lazo Hernández",
            },
            "target": {
                "id": "person:vyacheslav-volodin",
                "type": "Person",
                "name": "Vyacheslav Volodin",
            },
            "properties": {},
            "evidence": [EVIDENCE],
        }
    ],
}

INGEST_RESULT: dict[str, Any] = {
    "source": "summit.md",
    "status": "ingested",
    "doc_id": "doc:summit",
    "entities": {"Person": 2, "City": 1},
    "relations": {"MET_WITH": 1},
}


def json_example(example: object, description: str = "Successful response") -> dict:
    return {
        200: {"description": description, "content": {"application/json": {"example": example}}}
    }
