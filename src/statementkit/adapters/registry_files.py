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

    def text(self, value: Any, where: str, container: Any, key: Any) -> str:
        """A non-empty string (a YAML number, date, list … is refused, not turned into text)."""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}: expected non-empty text, got {_shown(value)}", container, key)
        return value.strip()

    def optional_text(self, raw: Any, key: str, where: str, default: str | None = None) -> str | None:
        if raw.get(key) is None:
            return default
        return self.text(raw[key], f"{where}.{key}", raw, key)

    def article(self, raw: Any, where: str) -> str:
        """``en_article``: the English article before the office name, "the" unless given ("" for none)."""
        value = raw.get("en_article", "the")
        if not isinstance(value, str):
            raise self.fail(f"{where}.en_article: expected text (\"the\" or \"\"), got {_shown(value)}",
                            raw, "en_article")
        return value.strip()

    def choice(self, raw: Any, key: str, where: str, allowed: tuple[str, ...]) -> str:
        value = raw.get(key)
        if value not in allowed or not isinstance(value, str):
            raise self.fail(f"{where}.{key}: must be {' or '.join(repr(a) for a in allowed)}, got {_shown(value)}",
                            raw, key)
        return value

    def text_map(self, raw: Any, key: str, where: str, keys: tuple[str, ...], values: tuple[str, ...] = ()
                 ) -> dict[str, str]:
        """An optional mapping from ``keys`` to text (to one of ``values`` when given)."""
        value = raw.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"{where}.{key}: expected a mapping of {'/'.join(keys)}", raw, key)
        out = {}
        for k, v in value.items():
            if k not in keys:
                raise self.fail(f"{where}.{key}: unknown key {_shown(k)} (known: {', '.join(keys)})", value, k)
            if values and v not in values:
                raise self.fail(f"{where}.{key}.{k}: must be one of {', '.join(values)}, got {_shown(v)}", value, k)
            out[k] = self.text(v, f"{where}.{key}.{k}", value, k)
        return out

    def words(self, value: Any, where: str, container: Any, key: Any) -> Words:
        if isinstance(value, str) and value.strip():
            return Words(value.strip())
        if isinstance(value, dict):
            unknown = [c for c in value if c not in CASES]
            if unknown:
                raise self.fail(f"{where}: unknown case form(s) {sorted(map(str, unknown))}", value, unknown[0])
            if "nom" not in value:
                raise self.fail(f"{where}: a case mapping needs 'nom'", container, key)
            forms = {c: self.text(v, f"{where}.{c}", value, c) for c, v in value.items()}
            nom = forms.pop("nom")
            return Words(nom, MappingProxyType(forms))
        raise self.fail(f"{where}: expected a name (text or case mapping), got {_shown(value)}", container, key)

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
                    if not isinstance(variant, str):
                        raise self.fail(f"{kind}.{ident}.{lang}: a variant is named by text, got {_shown(variant)}",
                                        val, variant)
                    if variant == "accepted":
                        if not isinstance(v, bool):
                            raise self.fail(f"{kind}.{ident}.{lang}.accepted: expected true or false", val, variant)
                        (accepted.add if v else accepted.discard)(lang)
                        continue
                    if variant in _LANG_META_KEYS:
                        sort_keys[lang] = self.text(v, f"{kind}.{ident}.{lang}.{variant}", val, variant)
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
        where = f"{kind}.{ident}"
        names, extra, sort_keys, accepted = self.names(raw, ident, kind)
        common: dict[str, Any] = {
            "id": ident,
            "names": MappingProxyType(names),
            "extra": MappingProxyType({k: MappingProxyType(v) for k, v in extra.items()}),
            "abbr_accepted": frozenset(accepted),
        }
        if kind == "countries":
            return Country(**common, sort_keys=MappingProxyType(sort_keys),
                           region=self.optional_text(raw, "region", where, "") or "")
        if kind == "cities":
            return City(**common, country=self.text(raw.get("country"), f"{where}.country", raw, "country"))
        if kind == "offices":
            return Office(
                **common,
                country=self.text(raw.get("country"), f"{where}.country", raw, "country"),
                head_title=MappingProxyType(
                    self.localized(raw.get("head_title"), f"{where}.head_title", raw, "head_title")
                ),
                head=self.optional_text(raw, "head", where),
                en_article=self.article(raw, where),
            )
        if kind == "officials":
            return Official(**common, gender=self.choice(raw, "gender", where, ("m", "f")),
                            office=self.text(raw.get("office"), f"{where}.office", raw, "office"),
                            honorific=MappingProxyType(self.text_map(raw, "honorific", where, LANGUAGES)))
        if kind == "mechanisms":
            genders = self.text_map(raw, "genders", where, LANGUAGES, values=("m", "f", "n", "p"))  # p: plural
            return Mechanism(**common, genders=MappingProxyType(genders))
        return _KIND_CLASSES[kind](**common)


def _shown(value: Any) -> str:
    """A value as a message shows it: text quoted and cut, a collection named by its kind."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value if isinstance(value, str) else str(value))
    return text if len(text) <= 42 else text[:40] + "…'"


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
