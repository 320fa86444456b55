"""Example payloads shown in the OpenAPI schema (kept short; real ones come from the seeds)."""

from __future__ import annotations

EVIDENCE = {
    "document": "doc:000_aed1e656c6466fb5",
    "sentence": "Vyacheslav Volodin held special bilateral meeting the President of the National "
    "Assembly of People’s Power and the Council of State of Cuba Juan Esteban Lazo Hernández.",
    "start": 10533,
    "end": 10701,
}

GRAPH = {
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


def json_example(example: object, description: str = "Successful response") -> dict:
    return {
        200: {"description": description, "content": {"application/json": {"example": example}}}
    }
