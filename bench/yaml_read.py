"""Time of the one YAML reader (adapters/yamlfile.py) on a large translations file, and of its bound checks.

Run: python bench/yaml_read.py [--units N] [--runs N]
Prints the file size, the best and median time of a full parse, and the share taken by the alias/depth check
(check_node_graph) on its own.
"""

from __future__ import annotations

import argparse
import statistics
import time

import yaml

from statementkit.adapters.yamlfile import _Loader, check_node_graph, parse_yaml


def translations_text(units: int) -> str:
    entry = ("    {lang}:\n      source_hash: 0123456789abcdef\n      text: Текст номер {i} на языке {lang}, "
             "достаточно длинный для примера.\n      origin: machine\n      status: draft\n      flags: [a, b]\n")
    body = "".join(f"  u{i}:\n" + "".join(entry.format(i=i, lang=lang) for lang in ("zh", "ru"))
                   for i in range(units))
    return "statementkit-translations: 1\nsource: en\nunits:\n" + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = translations_text(args.units)
    parse, check = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        parse_yaml(text, "bench.yaml")
        parse.append(time.perf_counter() - start)
        loader = _Loader(text)
        node: yaml.Node = loader.get_single_node()
        loader.dispose()
        start = time.perf_counter()
        check_node_graph(node)
        check.append(time.perf_counter() - start)
    print(f"translations file: {args.units} units, {len(text.encode()) / 1e6:.2f} MB")
    print(f"parse_yaml:        best {min(parse):.3f} s, median {statistics.median(parse):.3f} s")
    print(f"check_node_graph:  best {min(check):.3f} s, median {statistics.median(check):.3f} s")


if __name__ == "__main__":
    main()
