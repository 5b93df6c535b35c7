"""Read the registry (``templates/registry/*.yaml``) into :class:`statementkit.model.Registry`.

Format (documented in templates/README.md): each file maps a kind (countries, cities, offices, officials,
organisations, mechanisms, terms) to entries keyed by id.  Each entry has ``en``, ``zh`` and ``ru``; a
language value is a string (the name) or a mapping with ``name`` and variants (``full``, ``short``,
``abbr``, ``sort``); any of those is a string or, for Russian, a mapping of cases (``nom``, ``gen``, …).
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from statementkit import LANGUAGES
from statementkit.adapters.yamlfile import LDict, line_of, read_yaml
from statementkit.errors import RegistryError
from statementkit.model.registry import (
    CASES,
    City,
    Country,
    Mechanism,
    Office,
    Official,
    Organisation,
    Registry,
    Term,
    Words,
)

_KIND_CLASSES: dict[str, type] = {
    "countries": Country,
    "cities": City,
    "offices": Office,
    "officials": Official,
    "organisations": Organisation,
    "mechanisms": Mechanism,
    "terms": Term,
}
_LANG_META_KEYS = {"sort", "accepted"}


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, msg: str, container: Any = None, key: Any = None) -> RegistryError:
        return RegistryError(msg, path=self.path, line=line_of(container, key))

    def words(self, value: Any, where: str, container: Any, key: Any) -> Words:
        if isinstance(value, str) and value.strip():
            return Words(value.strip())
        if isinstance(value, dict):
            unknown = set(value) - set(CASES)
            if unknown:
                raise self.fail(f"{where}: unknown case form(s) {sorted(unknown)}", value)
            if not isinstance(value.get("nom"), str):
                raise self.fail(f"{where}: a case mapping needs 'nom'", container, key)
            forms = {c: str(v).strip() for c, v in value.items() if c != "nom"}
            return Words(value["nom"].strip(), MappingProxyType(forms))
        raise self.fail(f"{where}: expected a name (text or case mapping)", container, key)

    def names(self, entry: Any, ident: str, kind: str) -> tuple[dict[str, Words], dict[str, dict[str, Words]],
                                                                dict[str, str], set[str]]:
        names: dict[str, Words] = {}
        extra: dict[str, dict[str, Words]] = {}
        sort_keys: dict[str, str] = {}
        accepted = {"en"}
        for lang in LANGUAGES:
            if lang not in entry:
                raise self.fail(f"{kind}.{ident}: no '{lang}' name", entry)
            val = entry[lang]
            if isinstance(val, dict) and "name" in val:
                names[lang] = self.words(val["name"], f"{kind}.{ident}.{lang}.name", val, "name")
                for variant, v in val.items():
                    if variant == "name":
                        continue
                    if variant == "accepted":
                        if not isinstance(v, bool):
                            raise self.fail(f"{kind}.{ident}.{lang}.accepted: expected true or false", val, variant)
                        (accepted.add if v else accepted.discard)(lang)
                        continue
                    if variant in _LANG_META_KEYS:
                        sort_keys[lang] = str(v)
                        continue
                    extra.setdefault(variant, {})[lang] = self.words(
                        v, f"{kind}.{ident}.{lang}.{variant}", val, variant
                    )
            else:
                names[lang] = self.words(val, f"{kind}.{ident}.{lang}", entry, lang)
        for lang, abbr in extra.get("abbr", {}).items():  # an acronym does not decline
            extra["abbr"][lang] = Words(abbr.nom, abbr.forms, indeclinable=not abbr.forms)
        return names, extra, sort_keys, accepted

    def localized(self, value: Any, where: str, container: Any, key: Any) -> dict[str, Words]:
        if not isinstance(value, dict):
            raise self.fail(f"{where}: expected a mapping of en/zh/ru", container, key)
        out = {}
        for lang in LANGUAGES:
            if lang not in value:
                raise self.fail(f"{where}: no '{lang}'", value)
            out[lang] = self.words(value[lang], f"{where}.{lang}", value, lang)
        return out

    def entry(self, kind: str, ident: str, raw: Any, container: Any) -> Any:
        if not isinstance(raw, dict):
            raise self.fail(f"{kind}.{ident}: expected a mapping", container, ident)
        names, extra, sort_keys, accepted = self.names(raw, ident, kind)
        common: dict[str, Any] = {
            "id": ident,
            "names": MappingProxyType(names),
            "extra": MappingProxyType({k: MappingProxyType(v) for k, v in extra.items()}),
            "abbr_accepted": frozenset(accepted),
        }
        if kind == "countries":
            return Country(**common, sort_keys=MappingProxyType(sort_keys), region=str(raw.get("region", "")))
        if kind == "cities":
            return City(**common, country=str(raw.get("country", "")))
        if kind == "offices":
            return Office(
                **common,
                country=str(raw.get("country", "")),
                head_title=MappingProxyType(
                    self.localized(raw.get("head_title"), f"offices.{ident}.head_title", raw, "head_title")
                ),
                head=raw.get("head"),
                en_article=str(raw.get("en_article", "the")),
            )
        if kind == "officials":
            gender = raw.get("gender")
            if gender not in ("m", "f"):
                raise self.fail(f"officials.{ident}.gender: must be 'm' or 'f'", raw, "gender")
            hon = raw.get("honorific", {}) or {}
            return Official(**common, gender=gender, office=str(raw.get("office", "")),
                            honorific=MappingProxyType({str(k): str(v) for k, v in hon.items()}))
        if kind == "mechanisms":
            genders = raw.get("genders", {}) or {}
            return Mechanism(**common, genders=MappingProxyType({str(k): str(v) for k, v in genders.items()}))
        return _KIND_CLASSES[kind](**common)


def load_registry(folder: str | Path) -> Registry:
    folder = Path(folder)
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise RegistryError("no registry files (*.yaml)", path=folder)
    tables: dict[str, dict[str, Any]] = {k: {} for k in _KIND_CLASSES}
    for f in files:
        data = read_yaml(f, RegistryError)
        reader = _Reader(f)
        if not isinstance(data, LDict):
            raise reader.fail("expected a mapping of kinds (countries, offices, …)", data)
        for kind, entries in data.items():
            if kind not in _KIND_CLASSES:
                raise reader.fail(f"unknown kind '{kind}' (known: {', '.join(_KIND_CLASSES)})", data, kind)
            if not isinstance(entries, LDict):
                raise reader.fail(f"{kind}: expected a mapping of id -> entry", data, kind)
            for ident, raw in entries.items():
                if ident in tables[kind]:
                    raise reader.fail(f"{kind}.{ident}: defined twice", entries, ident)
                tables[kind][str(ident)] = reader.entry(kind, str(ident), raw, entries)
    registry = Registry(**{k: MappingProxyType(v) for k, v in tables.items()})
    _check_references(registry, folder)
    return registry


def _check_references(reg: Registry, folder: Path) -> None:
    def need(kind: str, ident: str | None, who: str) -> None:
        if ident and ident not in reg.table(kind):
            raise RegistryError(f"{who} refers to unknown {kind[:-1] if kind != 'cities' else 'city'} '{ident}'",
                                path=folder)

    for c in reg.cities.values():
        need("countries", c.country, f"cities.{c.id}")
    for o in reg.offices.values():
        need("countries", o.country, f"offices.{o.id}")
        need("officials", o.head, f"offices.{o.id}.head")
    for p in reg.officials.values():
        need("offices", p.office, f"officials.{p.id}")
    for m in reg.mechanisms.values():
        missing = [lg for lg in LANGUAGES if m.variant("noun", lg) is None]
        if missing:
            raise RegistryError(f"mechanisms.{m.id}: no 'noun' (the series' head noun: meeting / 会议 / "
                                f"совещание) in {', '.join(missing)}", path=folder)
        if m.genders.get("ru", "n") not in ("m", "f", "n", "p"):
            raise RegistryError(f"mechanisms.{m.id}.genders.ru: expected m, f, n or p (plural)", path=folder)
