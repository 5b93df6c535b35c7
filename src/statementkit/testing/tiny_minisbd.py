"""A tiny, valid MiniSBD sentence-boundary model (ONNX) built offline, so that a LibreTranslate server
loaded with the tiny Argos packages (:mod:`.tiny_argos`) can translate without the network.

Why it is needed: LibreTranslate 1.9 translates through ``argos-translate-lt``, which splits every text
into sentences with MiniSBD before translating; MiniSBD downloads its ONNX model per language on first use
(``minisbd.models.get_model_file``) unless the Argos package carries one in ``<package>/minisbd/*.onnx``.
``ARGOS_CHUNK_TYPE=NONE`` is not implemented (``NotImplementedError``).  This model has MiniSBD's interface
(inputs ``units`` int64 [batch, chars] and ``features`` float [batch, chars, n]; output logits [batch,
chars, 5]; metadata ``config``, ``vocab``, ``lexicon``) and marks every character as a token end and
never as a sentence end; MiniSBD itself ends the last sentence at the end of the text, so every text is
one sentence -- what statementkit wants, as it sends segments already split.  Needs the ``onnx`` package.
"""

from __future__ import annotations

import json
from pathlib import Path


def build_model(path: Path, lang: str = "en") -> Path:
    """Write the model to ``path`` (parents created); returns ``path``."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    units = helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"])
    features = helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "chars", "feats"])
    logits = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", 5])
    # logits = float(units) * 0, unsqueezed to [batch, chars, 1], plus [0, 1, 0, 0, 0] (class 1: token end)
    bias = numpy_helper.from_array(np.array([0.0, 1.0, 0.0, 0.0, 0.0], dtype=np.float32), "bias")
    zero = numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero")
    axes = numpy_helper.from_array(np.array([2], dtype=np.int64), "axes")
    nodes = [
        helper.make_node("Cast", ["units"], ["units_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["units_f", "zero"], ["zeros"]),
        helper.make_node("Unsqueeze", ["zeros", "axes"], ["zeros3"]),
        helper.make_node("Add", ["zeros3", "bias"], ["logits"]),
    ]
    graph = helper.make_graph(nodes, "tiny_minisbd", [units, features], [logits], [bias, zero, axes])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {"<PAD>": 0, "<UNK>": 1}, "_id2unit": ["<PAD>", "<UNK>"]}
    config = {"skip_newline": False, "max_seqlen": 1000, "no_ssplit": False, "batch_size": 8,
              "feat_funcs": [], "use_dictionary": False, "num_dict_feat": 0}
    for key, value in (("lang_code", lang), ("config", json.dumps(config)), ("vocab", json.dumps(vocab)),
                       ("lexicon", "null")):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    return path


def add_to_package(package_dir: Path) -> Path:
    """Put a model into an installed Argos package folder (``<package>/minisbd/model.onnx``), where
    argos-translate-lt looks before downloading one."""
    meta = json.loads((package_dir / "metadata.json").read_text(encoding="utf-8"))
    return build_model(package_dir / "minisbd" / "model.onnx", str(meta.get("from_code", "en")))
