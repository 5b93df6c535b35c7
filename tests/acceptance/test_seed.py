"""The example must reproduce the statement statementkit was commissioned from."""

from __future__ import annotations

import re

import pytest
import sacrebleu

from tests.conftest import SEED_SPEC, SHARED

SEED_TEXT = SHARED / "seed" / "joint-statement-china-central-asia-ip-2023.en.txt"


@pytest.fixture(scope="module")
def english(run_module):  # type: ignore[no-untyped-def]
    result = run_module("build", SEED_SPEC, "--lang", "en", "--format", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def run_module():  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from statementkit.cli import cli

    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="../shared/seed is not here")
def test_chrf_against_the_seed_is_at_least_95(english: str) -> None:
    reference = SEED_TEXT.read_text(encoding="utf-8")
    score = sacrebleu.corpus_chrf([english], [[reference]]).score
    assert score >= 95, score


def test_structure_matches_the_seed(english: str) -> None:
    paragraphs = [p for p in english.split("\n\n") if p.strip()]
    assert paragraphs[0].startswith("Joint Statement of the First China-Central Asia Heads of Intellectual "
                                    "Property Office Meeting")
    opening = paragraphs[1]
    heads = ["Dr. Shen Changyu, Commissioner of the National Intellectual Property Administration of the "
             "People's Republic of China",
             "Ms. Sholpan Abdreyeva, Director of the Department for Intellectual Property Rights, Ministry of "
             "Justice of the Republic of Kazakhstan",
             "Ms. Rakhat Kerimbaeva, Director of the State Agency for Intellectual Property and Innovation under "
             "the Cabinet of Ministers of the Kyrgyz Republic",
             "Mr. Mirzo Ismoilzoda, Director of the National Center for Patents and Information of the Ministry "
             "of Economic Development and Trade of the Republic of Tajikistan",
             "Mr. Ata Annaniyazov, Head of the State Service for Intellectual Property of Ministry of Finance and "
             "Economy of Turkmenistan",
             "Mr. Esemurat Kanyazov, Head of IP Office of the Ministry of Justice of the Republic of Uzbekistan"]
    positions = [opening.index(h) for h in heads]
    assert positions == sorted(positions)
    assert opening.startswith("On July 24, 2023, ") and opening.endswith("Meeting in Urumqi.")
    assert paragraphs[2].startswith("The meeting was held in a warm, friendly and practical atmosphere.")
    numbered = [p for p in paragraphs if re.match(r"\d+\. ", p)]
    assert [int(p.split(".")[0]) for p in numbered] == [1, 2, 3, 4, 5, 6, 7]
    assert numbered[5] == "6. The Parties are willing to strengthen cooperation in the following areas."
    start = paragraphs.index(numbered[5])
    areas = paragraphs[start + 1:start + 7]
    assert all(a.startswith("- ") for a in areas)
    assert [a[2:].split(".")[0] for a in areas] == [
        "Exchanges in IP strategy and IP laws & policies", "IPR protection and law enforcement",
        "Promoting IP utilization", "Development of IP human resources", "IP public services",
        "Raising IP awareness"]
    assert all(a.endswith(";") for a in areas[:-1]) and areas[-1].endswith(".")
    assert numbered[6].startswith("7. Recognizing the importance of the World Intellectual Property Organization")
    assert paragraphs[-1].startswith("The Parties believe that deepening pragmatic cooperation")
