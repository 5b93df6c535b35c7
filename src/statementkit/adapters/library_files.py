"""Read the trilingual clause library (``templates/clauses/*.yaml``) into :class:`Library`.

Each file has ``family`` and ``clauses``: a list of templates with ``id``, ``description``, ``slots``
(name -> type) and the Jinja2 text in ``en``, ``zh`` and ``ru``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import MappingProxyType

from statementkit import LANGUAGES
from statementkit.adapters.yamlfile import LDict, LList, line_of, read_yaml
from statementkit.errors import TemplateError
from statementkit.model.library import REQUIREMENTS, ClauseTemplate, Library, SlotType

_SLOT_TYPES = {t.value: t for t in SlotType}


def load_library(folder: str | Path) -> Library:
    folder = Path(folder)
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise TemplateError("no clause template files (*.yaml)", path=folder)
    templates: dict[str, ClauseTemplate] = {}
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.read_bytes())
        data = read_yaml(f, TemplateError)
        if not isinstance(data, LDict) or not isinstance(data.get("family"), str):
            raise TemplateError("expected a mapping with 'family' and 'clauses'", path=f, line=line_of(data))
        family = data["family"]
        clauses = data.get("clauses")
        if not isinstance(clauses, LList):
            raise TemplateError("'clauses' must be a list", path=f, line=line_of(data, "clauses"))
        for i, raw in enumerate(clauses):
            line = line_of(clauses, i)
            if not isinstance(raw, LDict) or not isinstance(raw.get("id"), str):
                raise TemplateError("each clause template needs an 'id'", path=f, line=line)
            ident = raw["id"]
            if ident in templates:
                raise TemplateError(f"template '{ident}' defined twice", path=f, line=line)
            slots_raw = raw.get("slots") or {}
            if not isinstance(slots_raw, dict):
                raise TemplateError(f"{ident}: 'slots' must map names to types", path=f, line=line)
            slots = {}
            for name, typ in slots_raw.items():
                if not isinstance(typ, str) or typ not in _SLOT_TYPES:
                    raise TemplateError(
                        f"{ident}: slot '{name}' has unknown type '{typ}' (known: {', '.join(_SLOT_TYPES)})",
                        path=f, line=line_of(slots_raw, name))
                slots[str(name)] = _SLOT_TYPES[typ]
            requires = raw.get("requires") or {}
            if not isinstance(requires, dict):
                raise TemplateError(f"{ident}: 'requires' must be a mapping", path=f, line=line)
            for key, value in requires.items():
                allowed = REQUIREMENTS.get(key, ())
                if key not in REQUIREMENTS or (allowed is not None and value not in allowed) or (
                        allowed is None and not isinstance(value, str)):
                    raise TemplateError(f"{ident}: requires.{key}: unknown requirement or value {value!r} "
                                        f"(known: {', '.join(REQUIREMENTS)})", path=f, line=line_of(requires, key))
            document = raw.get("document")
            if document is not None and (not isinstance(document, str) or str(raw.get("family", family)) != "title"):
                raise TemplateError(f"{ident}: 'document' (a term id) belongs to title templates only",
                                    path=f, line=line)
            text = {}
            for lang in LANGUAGES:
                if not isinstance(raw.get(lang), str):
                    raise TemplateError(f"{ident}: no '{lang}' text", path=f, line=line)
                text[lang] = raw[lang].strip()
            for key in ("family", "description"):
                if key in raw and not isinstance(raw[key], str):
                    raise TemplateError(f"{ident}: '{key}' must be text", path=f, line=line_of(raw, key))
            templates[ident] = ClauseTemplate(
                id=ident, family=raw.get("family", family), slots=MappingProxyType(slots),
                text=MappingProxyType(text), description=raw.get("description", ""),
                path=str(f), line=line, requires=MappingProxyType(dict(requires)), document=document,
            )
    return Library(MappingProxyType(templates), version=digest.hexdigest()[:12])
