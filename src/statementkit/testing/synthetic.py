"""A synthetic statement of N free-text clauses (the seed's meeting and parties), for tests and benches.

Clauses are generated deterministically from official-document phrases, with registry names, dates and
numbers in them, so that translating the statement exercises segmentation, term locking and the model.
"""

from __future__ import annotations

import random

_SUBJECTS = ["The Parties", "The intellectual property offices of the C5 countries", "Both sides",
             "The National Intellectual Property Administration of the People's Republic of China",
             "The heads of the offices"]
_VERBS = ["agree to strengthen", "will promote", "welcome", "support", "undertake to develop", "reaffirm"]
_OBJECTS = ["cooperation on patents and trademarks", "the exchange of information on geographical indications",
            "training programmes with the World Intellectual Property Organization",
            "support for small and medium-sized enterprises", "public awareness of intellectual property",
            "the work of Technology and Innovation Support Centers"]
_TAILS = ["", " from {d} March {y}", " with {n} experts every {k} years", " within {n} days",
          " in accordance with their national legislation", " and will report in July {y}"]


def synthetic_statement(n_clauses: int, seed: int = 7) -> str:
    """YAML text of a statement with ``n_clauses`` free-text clauses of one or two sentences each."""
    rnd = random.Random(seed)
    lines = [
        "statementkit: 1",
        "meeting: {mechanism: c-ca-heads-ip, ordinal: 2, date: 2025-07-24, venue: urumqi}",
        "languages: [zh, ru, en]",
        "source: en",
        "parties: [cnipa, kz-ip-department, kyrgyzpatent, tj-ncpi, tm-ip-service, uz-ip-office]",
        "collective: china-and-central-asia",
        "clauses:",
        "  - id: opening",
        "    template: opening.heads-met",
    ]
    for i in range(1, n_clauses + 1):
        sentences = []
        for _ in range(rnd.choice((1, 1, 2))):
            tail = rnd.choice(_TAILS).format(d=rnd.randint(1, 28), y=rnd.randint(2024, 2030),
                                             n=rnd.randint(2, 500), k=rnd.randint(2, 5))
            sentences.append(f"{rnd.choice(_SUBJECTS)} {rnd.choice(_VERBS)} {rnd.choice(_OBJECTS)}{tail}.")
        text = " ".join(sentences).replace('"', "'")
        lines += [f"  - id: free-{i:03d}", f'    text: "{text}"']
    lines += ["closing: {form: none}", ""]
    return "\n".join(lines)


def degrade(texts: list[str], every: int) -> list[str]:
    """A deterministic "system output" for scoring: drop every n-th word (every n-th character in
    Chinese), shifted by the line number so that lines degrade differently."""
    import regex

    out = []
    for k, t in enumerate(texts):
        toks = regex.findall(r"\p{Han}|\S+\s*|\s+", t)
        out.append("".join(x for i, x in enumerate(toks) if (i + k) % every != 0))
    return out
