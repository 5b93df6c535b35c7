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


# ---- one wording for an unknown name, with "did you mean" -------------------------------------------------
# Names people type for our three languages that are not ISO 639-1 codes (country codes, ISO 639-2/3, locales).
LANGUAGE_ALIASES = {"cn": "zh", "chn": "zh", "chi": "zh", "zho": "zh", "zh-cn": "zh", "zh_cn": "zh",
                    "zh-hans": "zh", "rus": "ru", "ru-ru": "ru", "ru_ru": "ru", "eng": "en", "en-us": "en",
                    "en_us": "en", "en-gb": "en", "en_gb": "en", "uk": "en", "us": "en", "gb": "en"}


def did_you_mean(word: str, known: object, *, n: int = 3) -> str:
    """``"; did you mean 'x'?"`` (or ``'x' or 'y'``) for the ``known`` names closest to ``word``, else ``""``.

    Case is ignored; closeness is difflib's ratio (cut-off 0.6, as ``difflib.get_close_matches``)."""
    import difflib

    names = [str(k) for k in known]  # type: ignore[attr-defined]
    lowered = {name.lower(): name for name in names}
    key = str(word).lower()
    hits = [lowered[m] for m in difflib.get_close_matches(key, list(lowered), n=n)]
    if key in LANGUAGE_ALIASES and LANGUAGE_ALIASES[key] in names and LANGUAGE_ALIASES[key] not in hits:
        hits.insert(0, LANGUAGE_ALIASES[key])
    if not hits:
        return ""
    return "; did you mean " + " or ".join(f"'{h}'" for h in hits[:n]) + "?"


def unknown_name(kind: str, word: object, known: object, *, listed: int = 12) -> str:
    """The one wording for an unknown id: ``unknown <kind> 'x' (known: a, b, …); did you mean 'y'?``.

    At most ``listed`` known names are listed (then "… N more")."""
    names = sorted(str(k) for k in known)  # type: ignore[attr-defined]
    shown = ", ".join(names[:listed]) + (f", … {len(names) - listed} more" if len(names) > listed else "")
    return f"unknown {kind} '{word}' (known: {shown or 'none'}){did_you_mean(str(word), names)}"


def check_language(code: object, known: tuple[str, ...] | None = None, *, what: str = "language") -> str:
    """``code`` if it is one of ``known`` (default: en, zh, ru), else UsageError with the one wording
    ("unknown language 'cn' (known: en, ru, zh); did you mean 'zh'?")."""
    from statementkit import LANGUAGES

    allowed = LANGUAGES if known is None else known
    if isinstance(code, str) and code in allowed:
        return code
    raise UsageError(language_message(code, allowed, what=what))


def language_message(code: object, known: tuple[str, ...] | None = None, *, what: str = "language") -> str:
    """The one wording for a wrong language code (see :func:`check_language`)."""
    from statementkit import LANGUAGES

    return unknown_name(what, code, LANGUAGES if known is None else known)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 template"``, ``"2 templates"`` (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
