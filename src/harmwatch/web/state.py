"""What every route reads from the app: its repositories and settings (so routes never
import one another)."""

from __future__ import annotations

from fastapi import Request

from harmwatch.store import DocumentRepository, IncidentRepository

RTL_LANGUAGES = ("ar", "fa", "he", "ur", "ckb", "ps")


def incidents_of(request: Request) -> IncidentRepository:
    return request.app.state.incidents


def documents_of(request: Request) -> DocumentRepository:
    return request.app.state.documents


def text_direction(language: str | None) -> str:
    """rtl for Arabic and other right-to-left languages; else let the browser decide."""
    return "rtl" if language and language.split("-")[0] in RTL_LANGUAGES else "auto"
