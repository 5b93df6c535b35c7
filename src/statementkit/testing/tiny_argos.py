"""Build tiny, valid, deterministic Argos Translate packages (``.argosmodel``) offline, for tests and benches.

A package is a zip of one folder ``translate-<from>_<to>-<version>/`` holding ``metadata.json``, a
SentencePiece model trained here on a few hundred generated en/zh/ru lines, and ``model/``: a real
CTranslate2 Transformer (one encoder and one decoder layer by default) whose weights come from a seeded
numpy generator.  Two recipes:

``copy``
    the last decoder layer's cross-attention is set by hand so that step *t* attends to source position
    *t* and emits the piece found there; the output is the input pieces (after SentencePiece
    normalisation), which makes the whole translate path predictable.
``scramble``
    the same network, but each source piece is mapped to a seeded random piece of the target language's
    script: same-length, deterministic noise that garbles numbers and placeholders (the repair path).

``width`` scales the model (``d_model = 64 + 2 * width``) and ``pad_vocab`` widens the output layer, so a
benchmark can also run an Argos-sized model.  Needs numpy, sentencepiece and ctranslate2.
"""

from __future__ import annotations

import io
import json
import os
import random
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

LANG_NAMES = {"en": "English", "zh": "Chinese", "ru": "Russian"}

_EN = {
    "subj": ["The Parties", "The intellectual property offices", "The heads of the offices", "Both sides",
             "The Participants", "The competent authorities"],
    "verb": ["reaffirm", "agree to strengthen", "will promote", "shall exchange", "welcome", "support",
             "note with satisfaction", "undertake to develop"],
    "obj": ["cooperation in the field of intellectual property", "the exchange of patent information",
            "training of examiners", "the protection of trademarks", "geographical indications",
            "public awareness", "mutual understanding and trust", "the implementation of this Joint Statement"],
    "tail": ["", " in accordance with national legislation", " on the basis of equality and mutual benefit",
             " as set out in Article {n}", " from {d} {m} {y}", " with {n} experts every {k} years"],
    "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"],
}
_RU = {
    "subj": ["Стороны", "Ведомства интеллектуальной собственности", "Руководители ведомств", "Обе стороны",
             "Участники", "Компетентные органы"],
    "verb": ["подтверждают", "договорились укреплять", "будут содействовать", "обмениваются",
             "приветствуют", "поддерживают", "с удовлетворением отмечают", "обязуются развивать"],
    "obj": ["сотрудничество в области интеллектуальной собственности", "обмен патентной информацией",
            "подготовку экспертов", "охрану товарных знаков", "географические указания",
            "информированность общественности", "взаимопонимание и доверие",
            "выполнение настоящего Совместного заявления"],
    "tail": ["", " в соответствии с национальным законодательством", " на основе равенства и взаимной выгоды",
             " как указано в статье {n}", " с {d} {m} {y} года", " с участием {n} экспертов каждые {k} года"],
    "months": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря"],
}
_ZH = {
    "subj": ["双方", "各知识产权局", "各局局长", "各方", "参与方", "主管机关"],
    "verb": ["重申", "同意加强", "将推动", "应交换", "欢迎", "支持", "满意地注意到", "承诺发展"],
    "obj": ["知识产权领域的合作", "专利信息交换", "审查员培训", "商标保护", "地理标志", "公众意识",
            "相互理解与信任", "本联合声明的执行"],
    "tail": ["", "，依照国内法律", "，在平等互利的基础上", "，如第{n}条所述", "，自{y}年{m}月{d}日起",
             "，每{k}年派{n}名专家"],
}
_PUNCT = "。，、；：？！“”‘’（）《》「」—…·.,;:?!\"'()[]-–—/%&*+=<>|°№§«»"


def corpus_lines(seed: int = 1234, per_language: int = 120, extra: Iterable[str] = ()) -> list[str]:
    """Deterministic trilingual training text, plus alphabets, digits and ``extra`` lines (e.g. names)."""
    rnd = random.Random(seed)
    lines: list[str] = []
    for _ in range(per_language):
        n, k, d, y, mi = rnd.randint(1, 99), rnd.randint(2, 5), rnd.randint(1, 28), rnd.randint(2000, 2030), \
            rnd.randint(0, 11)
        for table in (_EN, _RU):
            tail = rnd.choice(table["tail"]).format(n=n, k=k, d=d, m=table["months"][mi], y=y)
            lines.append(f"{rnd.choice(table['subj'])} {rnd.choice(table['verb'])} "
                         f"{rnd.choice(table['obj'])}{tail}.")
        tail = rnd.choice(_ZH["tail"]).format(n=n, k=k, d=d, m=mi + 1, y=y)
        lines.append(f"{rnd.choice(_ZH['subj'])}{rnd.choice(_ZH['verb'])}{rnd.choice(_ZH['obj'])}{tail}。")
    lines.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789")
    lines.append("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    lines.append(" ".join(_PUNCT))
    lines.extend(extra)
    return lines


def _script(piece: str) -> str:
    """The script a piece belongs to: zh, ru, en or other (first letter decides)."""
    import regex

    for ch in piece:
        if regex.match(r"\p{Han}", ch):
            return "zh"
        if regex.match(r"\p{Cyrillic}", ch):
            return "ru"
        if regex.match(r"\p{Latin}", ch):
            return "en"
    return "other"


def _train_sentencepiece(lines: list[str], vocab_size: int, seed: int, user_symbols: list[str]) -> bytes:
    import sentencepiece as spm

    if hasattr(spm, "set_random_generator_seed"):
        spm.set_random_generator_seed(seed)
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=buf, model_type="unigram", vocab_size=vocab_size,
        hard_vocab_limit=False, character_coverage=1.0, normalization_rule_name="nmt_nfkc",
        user_defined_symbols=user_symbols, unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=1,
        minloglevel=2,
    )
    return buf.getvalue()


def _signs(rng: Any, n: int, dim: int) -> Any:
    """n vectors of +-1 with as many of each sign: near-orthogonal codes for tokens and positions."""
    import numpy as np

    base = np.concatenate([np.ones(dim // 2), -np.ones(dim - dim // 2)]).astype(np.float32)
    return np.stack([rng.permutation(base) for _ in range(n)])


def _build_ct2(vocab: list[str], out: Path, *, mode: str, seed: int, to_code: str, target_prefix: str,
               width: int, pad_vocab: int, d_pos: int = 64, heads: int = 2, ffn: int = 64,
               max_positions: int = 1024) -> None:
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    f32 = np.float32
    vocab = vocab + [f"<pad_{i}>" for i in range(max(0, pad_vocab - len(vocab)))]
    n_vocab, d_tok = len(vocab), width
    d = d_pos + 2 * d_tok  # residual stream: [ position | input token | copied token ]
    dh = d // heads
    chunks = np.array_split(np.arange(d_tok), heads)
    if d % heads or dh < d_pos:
        raise ValueError(f"width {width} does not fit {heads} heads")
    pos_s, tok_s, cpy_s = slice(0, d_pos), slice(d_pos, d_pos + d_tok), slice(d_pos + d_tok, d)

    spec = transformer_spec.TransformerSpec.from_config((1, 1), heads, pre_norm=True)
    spec.config.add_source_eos = True  # the copy path copies </s> too: decoding stops
    spec.config.add_source_bos = bool(target_prefix)  # keeps source and target positions aligned

    def rand(*shape: int) -> Any:
        return (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(f32)

    def zeros(*shape: int) -> Any:
        return np.zeros(shape, f32)

    def norm(ln: Any) -> None:
        ln.gamma, ln.beta = np.ones(d, f32), zeros(d)

    def linear(lin: Any, w: Any) -> None:
        lin.weight, lin.bias = w.astype(f32), zeros(w.shape[0])

    emb = zeros(n_vocab, d)
    emb[:, tok_s] = _signs(rng, n_vocab, d_tok)
    pos = zeros(max_positions, d)
    pos[:, pos_s] = _signs(rng, max_positions, d_pos)

    mapping = list(range(n_vocab))  # source piece -> emitted piece
    if mode == "scramble":
        special = {0, 1, 2}
        pool = [i for i, p in enumerate(vocab) if i not in special and _script(p) == to_code] or \
               [i for i in range(n_vocab) if i not in special]
        for i in range(3, n_vocab):
            mapping[i] = int(pool[rng.integers(len(pool))])
        if target_prefix:
            mapping[vocab.index(target_prefix)] = vocab.index(target_prefix)

    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = pos
        norm(side.layer_norm)
    spec.encoder.embeddings[0].weight = emb
    spec.decoder.embeddings.weight = emb
    for layer in spec.encoder.layer:  # zero output projections: the residual stream passes through
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], rand(3 * d, d))
        linear(layer.self_attention.linear[1], zeros(d, d))
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, rand(ffn, d))
        linear(layer.ffn.linear_1, zeros(d, ffn))
    layer = spec.decoder.layer[0]
    norm(layer.self_attention.layer_norm)
    linear(layer.self_attention.linear[0], rand(3 * d, d))
    linear(layer.self_attention.linear[1], zeros(d, d))
    norm(layer.attention.layer_norm)
    norm(layer.ffn.layer_norm)
    linear(layer.ffn.linear_0, rand(ffn, d))
    linear(layer.ffn.linear_1, zeros(d, ffn))
    # Cross-attention copies: query = this step's position, key = source position, value = source token.
    wq, wkv, wo = zeros(d, d), zeros(2 * d, d), zeros(d, d)
    for h, ch in enumerate(chunks):
        o, w = h * dh, len(ch)
        wq[o:o + d_pos, pos_s] = 8.0 * np.eye(d_pos, dtype=f32)
        wkv[o:o + d_pos, pos_s] = np.eye(d_pos, dtype=f32)
        wkv[d + o:d + o + w, d_pos + ch] = np.eye(w, dtype=f32)
        wo[d_pos + d_tok + ch, o:o + w] = np.eye(w, dtype=f32)
    linear(layer.attention.linear[0], wq)
    linear(layer.attention.linear[1], wkv)
    linear(layer.attention.linear[2], wo)
    proj = zeros(n_vocab, d)
    for u in range(n_vocab):
        proj[mapping[u], cpy_s] += emb[u, tok_s]
    linear(spec.decoder.projection, proj)

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=None)
    spec.save(str(out))


def _zip_dir(root: Path, target: Path) -> None:
    """Deterministic zip: sorted entries, fixed timestamps; written beside the target, then renamed."""
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for p in [root, *sorted(root.rglob("*"))]:
            arc = p.relative_to(root.parent).as_posix() + ("/" if p.is_dir() else "")
            info = zipfile.ZipInfo(arc, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o40755 if p.is_dir() else 0o100644) << 16
            info.compress_type = zipfile.ZIP_STORED if p.is_dir() else zipfile.ZIP_DEFLATED
            zf.writestr(info, b"" if p.is_dir() else p.read_bytes())
    os.replace(tmp, target)


def build_package(from_code: str, to_code: str, out_dir: str | os.PathLike[str], *, mode: str = "copy",
                  seed: int = 1234, version: str = "1.0", vocab_size: int = 800, width: int = 96,
                  pad_vocab: int = 0, target_prefix: str = "", extra_lines: Iterable[str] = ()) -> Path:
    """Write ``translate-<from>_<to>-<version>.argosmodel`` into ``out_dir`` and return its path."""
    if mode not in ("copy", "scramble"):
        raise ValueError(f"unknown mode {mode!r} (copy or scramble)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pair_seed = seed + sum(ord(c) * (i + 1) for i, c in enumerate(f"{from_code}>{to_code}"))
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory(prefix="tiny-argos-") as tmp:
        root = Path(tmp) / name
        (root / "model").mkdir(parents=True)
        sp_bytes = _train_sentencepiece(corpus_lines(seed, extra=extra_lines), vocab_size, seed,
                                        [target_prefix] if target_prefix else [])
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
        vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        _build_ct2(vocab, root / "model", mode=mode, seed=pair_seed, to_code=to_code,
                   target_prefix=target_prefix, width=width, pad_vocab=pad_vocab)
        meta: dict[str, Any] = {
            "package_version": version, "argos_version": "1.0", "from_code": from_code,
            "from_name": LANG_NAMES.get(from_code, from_code), "to_code": to_code,
            "to_name": LANG_NAMES.get(to_code, to_code), "type": "translate", "links": [],
        }
        if target_prefix:
            meta["target_prefix"] = target_prefix
        (root / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
        (root / "README.md").write_text(f"# Tiny {mode} model {from_code} -> {to_code}\n\nBuilt by "
                                        "statementkit.testing.tiny_argos for tests; not a translation model.\n",
                                        "utf-8")
        target = out / f"{name}.argosmodel"
        _zip_dir(root, target)
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m statementkit.testing.tiny_argos --pair en-zh -o DIR [--mode scramble]``."""
    import argparse

    ap = argparse.ArgumentParser(description="Build tiny deterministic Argos packages offline.")
    ap.add_argument("--pair", action="append", required=True, help="FROM-TO, repeatable")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--mode", choices=["copy", "scramble"], default="copy")
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--pad-vocab", type=int, default=0)
    ap.add_argument("--target-prefix", default="")
    a = ap.parse_args(argv)
    for pair in a.pair:
        src, _, tgt = pair.partition("-")
        print(build_package(src, tgt, a.out, mode=a.mode, width=a.width, pad_vocab=a.pad_vocab,
                            target_prefix=a.target_prefix))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
