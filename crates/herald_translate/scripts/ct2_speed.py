#!/usr/bin/env python3
"""Speed of the official CTranslate2 Python package: the yardstick for Herald's Rust engine.

herald_translate's neural engine (Rust, `ct2rs`) is benchmarked on the same opus-mt-sized
random model and the same input as this script, so the two numbers can be compared:

  python ct2_model.py --layout marian --size opus --out /var/tmp/herald-models/opus-marian
  python ct2_speed.py /var/tmp/herald-models/opus-marian \
      --input /var/tmp/herald-models/opus-speed-input.txt \
      --threads 2 --compute-type int8 --beam 1 --batch 32 --max-decoding-length 64

--input FILE is read if it exists, else generated (deterministically: sentences of 20-30
SentencePiece pieces built from ct2_model.py's corpus words with a seeded generator) and
written there, for the Rust bench to read. Each sentence is encoded as the engine does
(pieces + `</s>`), translated with translate_batch; after one warm-up pass over the first
batch, the whole input is translated --runs times and the median run is reported:
sentences/s, source tokens/s, target tokens/s (tokens actually generated: random weights
seldom emit `</s>`, so most outputs stop at --max-decoding-length, which keeps runs
comparable), and that run's CPU time over all threads (wall time well above CPU time /
threads means other processes had the cores). Also prints the supported compute types and
the ISA and GEMM backends CTranslate2 selected (CT2_FORCE_CPU_ISA, CT2_USE_MKL change them).
--threads is intra_threads (threads inside one batch); --inter-threads N translates N batches
at once (on this 2-core machine, --threads 1 --inter-threads 2 was the fastest). Last line: JSON.
"""

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time

import numpy as np
import ctranslate2
import sentencepiece as spm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ct2_model import CORPUS  # noqa: E402
from ct2_translate import TOKENIZERS  # noqa: E402


def make_sentences(sp, count, low=20, high=30, seed=2024):
    """`count` sentences of low..high pieces, cycling en/vi/fa, from the corpus's words."""
    rng = np.random.default_rng(seed)
    words = {lang: " ".join(lines).replace(".", "").lower().split() for lang, lines in CORPUS.items()}
    sentences = []
    for i in range(count):
        vocab = words[("en", "vi", "fa")[i % 3]]
        goal = int(rng.integers(low, high + 1))
        text = ""
        while len(sp.encode(text)) < goal:
            word = vocab[rng.integers(len(vocab))]
            candidate = (text[:-1] + " " + word) if text else word[:1].upper() + word[1:]
            if len(sp.encode(candidate + ".")) <= high:
                text = candidate + "."
        sentences.append(text)
    return sentences


def load_translator(path, threads, compute_type, inter_threads=1):
    """Loads the model, capturing CTranslate2's log of the CPU, ISA and GEMM backends."""
    ctranslate2.set_log_level(logging.INFO)
    with tempfile.TemporaryFile() as log:
        saved = os.dup(2)
        os.dup2(log.fileno(), 2)
        try:
            translator = ctranslate2.Translator(path, device="cpu", compute_type=compute_type,
                                                inter_threads=inter_threads, intra_threads=threads)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        log.seek(0)
        lines = log.read().decode(errors="replace").splitlines()
    ctranslate2.set_log_level(logging.WARNING)
    info = [line.split("[info]", 1)[1].strip(" -") for line in lines if "[info]" in line]
    return translator, [i for i in info if not i.startswith(("Loaded", "Binary", "Model spec"))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model_dir")
    ap.add_argument("--layout", choices=sorted(TOKENIZERS), default="marian")
    ap.add_argument("--input", help="sentences file (generated and written if missing)")
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--inter-threads", type=int, default=1,
                    help="batches translated in parallel (each with --threads threads)")
    ap.add_argument("--compute-type", default="int8")
    ap.add_argument("--beam", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-decoding-length", type=int, default=64)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    src_spm, _, sub = TOKENIZERS[args.layout]
    sp = spm.SentencePieceProcessor(model_file=os.path.join(args.model_dir, src_spm))
    if args.input and os.path.exists(args.input):
        with open(args.input, encoding="utf-8") as f:
            sentences = f.read().splitlines()
    else:
        sentences = make_sentences(sp, args.sentences)
        if args.input:
            with open(args.input, "w", encoding="utf-8") as f:
                f.write("\n".join(sentences) + "\n")
    batch = [sp.encode(s, out_type=str) + ["</s>"] for s in sentences]
    source_tokens = sum(len(b) for b in batch)

    translator, backend = load_translator(os.path.join(args.model_dir, sub), args.threads,
                                          args.compute_type, args.inter_threads)
    options = dict(beam_size=args.beam, max_batch_size=args.batch,
                   max_decoding_length=args.max_decoding_length)
    translator.translate_batch(batch[:args.batch], **options)  # warm-up
    runs = []
    for _ in range(args.runs):
        start, cpu = time.perf_counter(), time.process_time()
        results = translator.translate_batch(batch, **options)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        runs.append((seconds, sum(len(r.hypotheses[0]) for r in results), cpu))
    seconds, target_tokens, cpu = sorted(runs)[len(runs) // 2]

    report = {
        "model": args.model_dir, "sentences": len(batch), "source_tokens": source_tokens,
        "target_tokens": target_tokens, "threads": args.threads,
        "inter_threads": args.inter_threads,
        "compute_type": args.compute_type, "beam": args.beam, "batch": args.batch,
        "max_decoding_length": args.max_decoding_length, "runs_s": [round(r[0], 3) for r in runs],
        "median_s": round(seconds, 3), "median_cpu_s": round(cpu, 3), "sentences_per_s": round(len(batch) / seconds, 2),
        "source_tokens_per_s": round(source_tokens / seconds, 1),
        "target_tokens_per_s": round(target_tokens / seconds, 1),
        "supported_compute_types": sorted(ctranslate2.get_supported_compute_types("cpu")),
        "backend": backend, "ctranslate2": ctranslate2.__version__,
        "env": {k: v for k, v in os.environ.items() if k.startswith(("CT2_", "OMP_"))},
        "loadavg": os.getloadavg(),
    }
    for line in backend:
        print(line)
    print("%(sentences_per_s).2f sentences/s, %(source_tokens_per_s).1f source tokens/s, "
          "%(target_tokens_per_s).1f target tokens/s (median of %(n)d: %(median_s).3f s; "
          "%(target_tokens)d tokens generated)" % dict(report, n=len(runs)))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
