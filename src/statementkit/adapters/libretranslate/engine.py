"""A :class:`~statementkit.services.translate.base.Translator` over a LibreTranslate server's HTTP API.

The translate service hands it segments already split into sentences, with registry terms, dates and
numbers replaced by placeholders; it sends them in batches (``POST /translate`` with ``q`` a list of
texts, ``format: text``, ``api_key`` when given; the answer's ``translatedText`` is a list in the same
order) and returns the texts.  Locks, checks, repair and provenance stay on our side, as with the local
Argos engine.  The engine is recorded as ``LibreTranslate <server URL> <source>-><target>``.

Language codes are taken from the server's ``GET /languages`` (LibreTranslate 1.9 names Chinese
``zh-Hans``; older servers ``zh``); a pair the server lacks is refused before anything is sent.
Scores: LibreTranslate gives none (0.0); truncation cannot be seen (never marked).  Standard library
HTTP (urllib): one JSON request per batch needs no client library.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from statementkit.errors import ModelError, UsageError
from statementkit.services.translate.base import Hypothesis

DEFAULT_BATCH = 32
DEFAULT_TIMEOUT = 300.0


def check_url(url: str) -> str:
    """The server's base URL without a trailing slash.  Errors: UsageError (not http(s)://host[:port])."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"LibreTranslate URL must be http(s)://host[:port], not '{url}'")
    if parts.username or parts.password:
        raise UsageError("put the LibreTranslate API key in --api-key, not in the URL")
    return url.rstrip("/")


class LibreTranslateClient:
    """One server: its languages (fetched once) and JSON requests with one-line errors."""

    def __init__(self, url: str, api_key: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = check_url(url)
        self.api_key = api_key
        self.timeout = timeout
        self._languages: dict[str, set[str]] | None = None

    def request(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            if self.api_key:
                body = {**body, "api_key": self.api_key}
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.url + path, data=data, headers=headers,
                                     method="POST" if body is not None else "GET")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as exc:
            raise ModelError(f"LibreTranslate at {self.url}: HTTP {exc.code}: {_error_text(exc)}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ModelError(f"cannot reach LibreTranslate at {self.url}: {reason}") from None
        try:
            return json.loads(payload)
        except (ValueError, UnicodeDecodeError):
            raise ModelError(f"LibreTranslate at {self.url}: the answer is not JSON") from None

    def languages(self) -> dict[str, set[str]]:
        """Server code -> the server codes it translates into."""
        if self._languages is None:
            got = self.request("/languages")
            if not isinstance(got, list):
                raise ModelError(f"LibreTranslate at {self.url}: unexpected /languages answer")
            self._languages = {str(x.get("code")): {str(t) for t in x.get("targets", [])}
                               for x in got if isinstance(x, dict) and x.get("code")}
        return self._languages

    def code(self, lang: str) -> str | None:
        """The server's code for our ``lang`` (en, zh, ru): exact, else the first with that base."""
        codes = self.languages()
        if lang in codes:
            return lang
        return next((c for c in sorted(codes) if c.split("-")[0].lower() == lang), None)


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(exc.read() or b"{}")
        text = str(body.get("error") or exc.reason) if isinstance(body, dict) else str(exc.reason)
    except (ValueError, OSError, UnicodeDecodeError):
        text = str(exc.reason)
    return " ".join(text.split())[:300]


class LibreTranslateEngine:
    """Translates ``source`` -> ``target`` on one LibreTranslate server, ``batch`` segments a request."""

    def __init__(self, client: LibreTranslateClient, source: str, target: str, batch: int = DEFAULT_BATCH) -> None:
        if batch < 1:
            raise UsageError("batch size must be at least 1")
        src, tgt = client.code(source), client.code(target)
        if src is None or tgt is None or tgt not in client.languages().get(src, set()):
            have = ", ".join(f"{c}->{t}" for c in sorted(client.languages())
                             for t in sorted(client.languages()[c]) if t != c) or "none"
            raise ModelError(f"LibreTranslate at {client.url} cannot translate {source}->{target} "
                             f"(it offers: {have})")
        self.client, self.batch = client, batch
        self.source, self.target = source, target
        self._codes = (src, tgt)
        self.label = f"LibreTranslate {client.url} {source}->{target}"

    def translate(self, segments: Sequence[str],
                  progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        out: list[Hypothesis] = []
        for start in range(0, len(segments), self.batch):
            chunk = list(segments[start:start + self.batch])
            got = self.client.request("/translate", {"q": chunk, "source": self._codes[0],
                                                     "target": self._codes[1], "format": "text"})
            texts = got.get("translatedText") if isinstance(got, dict) else None
            if not isinstance(texts, list) or len(texts) != len(chunk) or not all(isinstance(t, str) for t in texts):
                raise ModelError(f"LibreTranslate at {self.client.url}: expected {len(chunk)} translations, "
                                 "got another answer")
            out.extend(Hypothesis(t) for t in texts)
            if progress:
                progress(len(out))
        return out


class LibreTranslateEngines:
    """Translators per language pair on one server (the server pivots through English itself)."""

    def __init__(self, url: str, api_key: str | None = None, batch: int = DEFAULT_BATCH,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.client = LibreTranslateClient(url, api_key, timeout)
        self.batch = batch
        self._engines: dict[tuple[str, str], LibreTranslateEngine] = {}

    def __call__(self, source: str, target: str) -> LibreTranslateEngine:
        if (source, target) not in self._engines:
            self._engines[(source, target)] = LibreTranslateEngine(self.client, source, target, self.batch)
        return self._engines[(source, target)]
