"""The export formats as a registry: name, media type, file extension, writer. The API's
`format` enum and OpenAPI, its download headers and the CLI's `--format` come from it, so
a new format is its writer, its tests and one `register` line in graph/export.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.model import GraphData


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str  # of the downloaded file, without the dot
    writer: Callable[[GraphData], bytes]
    description: str
    # a whole-graph export in this format recreates the store, so it keeps documents' text
    keeps_text: bool = False


class ExportRegistry:
    def __init__(self) -> None:
        self._formats: dict[str, ExportFormat] = {}

    def register(self, fmt: ExportFormat) -> ExportFormat:
        if fmt.name in self._formats:
            raise ValueError(f"export format {fmt.name!r} is already registered")
        self._formats[fmt.name] = fmt
        return fmt

    def names(self) -> tuple[str, ...]:
        return tuple(self._formats)

    def formats(self) -> list[ExportFormat]:
        return list(self._formats.values())

    def get(self, name: str) -> ExportFormat:
        try:
            return self._formats[name]
        except KeyError:
            raise ValueError(
                f"unknown export format {name!r}; choose one of {', '.join(self._formats)}"
            ) from None

    def help(self) -> str:
        """One line per format, for OpenAPI descriptions and --help."""
        return "; ".join(f"{f.name}: {f.description}" for f in self._formats.values()) + "."
