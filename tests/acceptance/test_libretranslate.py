"""Machine translation by a real LibreTranslate server on 127.0.0.1 (issue 17): the same tiny Argos packages
as the local engine, started once per session; skipped with the reason when LibreTranslate or onnx (for the
tiny sentence splitter) is not installed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from statementkit.errors import ModelError, UsageError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def lt_server(tiny_argos: dict[str, Path]) -> Iterator[str]:
    from statementkit.testing.libretranslate_server import LibreTranslateServer, libretranslate_executable

    exe, why = libretranslate_executable()
    if exe is None:
        pytest.skip(why)
    pytest.importorskip("onnx", reason="the tiny MiniSBD model for LibreTranslate is built with onnx")
    with LibreTranslateServer([tiny_argos[k] for k in ("en-zh", "en-ru", "zh-en")],
                              extra_args=["--batch-limit", "64"]) as url:
        yield url


def _units(spec: Path) -> dict[str, dict[str, object]]:
    data = yaml.safe_load(spec.with_name("statement.translations.yaml").read_text(encoding="utf-8"))
    return data["units"]


def test_server_run_matches_the_local_engine(run: Callable, amended: Path, models_dir: Path, lt_server: str,
                                             tmp_path: Path) -> None:
    """Same texts, locked terms, flags, notes, origin and status as the local Argos engine on the same tiny
    model; the engine recorded is the server URL and the language pair."""
    other = tmp_path / "lt" / "statement.yaml"
    other.parent.mkdir()
    shutil.copy(amended, other)
    local = run("translate", amended, "--models", models_dir, "--no-memory")
    served = run("translate", other, "--engine", "libretranslate", "--url", lt_server + "/", "--no-memory")
    assert local.exit_code == served.exit_code == 0, served.stderr
    assert local.stdout.splitlines()[-1] == served.stdout.splitlines()[-1]
    a, b = _units(amended), _units(other)
    assert a.keys() == b.keys()
    machine = 0
    for uid in a:
        for lang in ("zh", "ru"):
            ea, eb = a[uid].get(lang), b[uid].get(lang)  # type: ignore[attr-defined]
            if not isinstance(ea, dict):
                assert ea == eb
                continue
            assert isinstance(eb, dict)
            engine_a, engine_b = ea.pop("engine", None), eb.pop("engine", None)
            assert ea == eb, (uid, lang)
            if engine_a is not None:
                machine += 1
                assert engine_b == f"LibreTranslate {lt_server} en->{lang}"
                assert "LibreTranslate" not in str(engine_a)
    assert machine >= 10


def test_batches_and_language_codes(lt_server: str) -> None:
    from statementkit.adapters.libretranslate.engine import LibreTranslateEngines

    engines = LibreTranslateEngines(lt_server, batch=2)
    zh = engines("en", "zh")
    assert zh._codes[1].startswith("zh")  # the server's own code for Chinese (zh-Hans on 1.9)
    segments = [f"The Parties will hold Z{i} joint seminars." for i in range(1, 6)]
    done: list[int] = []
    small = zh.translate(segments, done.append)
    assert done == [2, 4, 5]
    assert [h.text for h in small] == [h.text for h in LibreTranslateEngines(lt_server)("en", "zh").translate(segments)]
    assert all(re.search(rf"Z\s?{i}", h.text) for i, h in enumerate(small, start=1))
    assert zh.translate([]) == []


def test_server_errors_are_one_line(lt_server: str, run: Callable, amended: Path) -> None:
    from statementkit.adapters.libretranslate.engine import LibreTranslateEngines

    with pytest.raises(ModelError, match=r"cannot translate ru->zh \(it offers: .*en->ru"):
        LibreTranslateEngines(lt_server)("ru", "zh")
    with pytest.raises(ModelError, match="HTTP 400: ") as err:
        LibreTranslateEngines(lt_server, batch=100)("en", "ru").translate(["A."] * 80)
    assert "\n" not in str(err.value)
    port_closed = "http://127.0.0.1:9"
    r = run("translate", amended, "--engine", "libretranslate", "--url", port_closed, "--no-memory", "--to", "zh")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "cannot reach LibreTranslate" in r.stderr
    # with several target languages, translate names what is left per language, each line saying why
    r = run("translate", amended, "--engine", "libretranslate", "--url", port_closed, "--no-memory")
    lines = r.stderr.splitlines()
    assert r.exit_code == 1 and len(lines) == 2 and all("cannot reach LibreTranslate" in x for x in lines)


def test_engine_options_are_checked(run: Callable, amended: Path, tmp_path: Path) -> None:
    for args, message in ((["--engine", "libretranslate"], "needs --url"),
                          (["--url", "http://127.0.0.1:5000"], "go with --engine libretranslate"),
                          (["--engine", "libretranslate", "--url", "ftp://x"], "must be http(s)://host"),
                          (["--engine", "libretranslate", "--url", "http://u:p@host:5000"], "--api-key")):
        r = run("translate", amended, *args, "--no-memory")
        assert r.exit_code == 2 and message in r.stderr and r.stderr.count("\n") == 1, r.stderr
    from statementkit.adapters.libretranslate.engine import LibreTranslateClient, LibreTranslateEngine

    client = LibreTranslateClient("http://127.0.0.1:5000")
    client._languages = {"en": {"zh"}}  # as if fetched: no server needed to check the batch size
    with pytest.raises(UsageError, match="batch size"):
        LibreTranslateEngine(client, "en", "zh", batch=0)
