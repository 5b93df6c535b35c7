"""The one exception tree of statementkit.

Every error the library raises on purpose is a :class:`StatementkitError`.  Each class knows its exit code;
the CLI turns it into one line on stderr (``statementkit: <message>``) and that exit code.  Anything else
reaching the CLI edge is a bug.
"""

from __future__ import annotations

from pathlib import Path


class StatementkitError(Exception):
    """Base of every deliberate error.  ``exit_code`` 1 means bad input, 2 bad usage."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class UsageError(StatementkitError):
    """The command was called wrongly (unsupported language, incompatible options)."""

    exit_code = 2


class InputError(StatementkitError):
    """A file given by the user cannot be read or is not what it claims to be."""


class SpecError(InputError):
    """A statement file is malformed or refers to things that do not exist."""


class RegistryError(InputError):
    """The registry of parties and terms is malformed or lacks an entry."""


class TemplateError(InputError):
    """A clause template is malformed, unsafe, or cannot be rendered."""


class DocxError(InputError):
    """A DOCX file is corrupt, encrypted, hostile or structurally unusable."""


class XmlError(InputError):
    """An XML document (XLIFF, TMX, TBX, OOXML part) is malformed or hostile."""


class ModelError(InputError):
    """A translation model is missing, corrupt or hostile."""


class TranslationStoreError(InputError):
    """The translations file beside a statement, or a translation memory, is unusable."""


class ReviewError(InputError):
    """A review file does not belong to this statement, or was restructured."""


class OutputError(StatementkitError):
    """An output cannot be written (missing folder, permissions)."""


class ProblemsFound(StatementkitError):
    """A check ran and found problems; the report itself has been printed."""
