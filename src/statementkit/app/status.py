"""Where the translations of a statement stand, per language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from statementkit.services.translate.status import LanguageStatus


def translation_status(spec: Path, library_dir: Path | None = None) -> list[LanguageStatus]:
    """Per target language: translations by origin and status, and the stale, missing and flagged clause
    ids (see :func:`statementkit.services.translate.status.statement_status`)."""
    from statementkit.app.workspace import open_statement
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.status import statement_status

    opened = open_statement(spec, library_dir)
    ws, translations = opened.workspace, opened.translations
    return statement_status(ws.statement, Renderer(ws.statement, ws.registry, ws.library, translations),
                            translations)
