#!/usr/bin/env python3
"""Reference translations with the official CTranslate2 Python package, for Herald's Rust engine.

herald_translate's neural engine (Rust, `ct2rs`) must produce the same tokens as this script
on the models ct2_model.py generates; its tests compare against outputs made with:

  python ct2_translate.py MODEL_DIR --layout marian < sentences.txt > expected.txt
  python ct2_translate.py MODEL_DIR --layout nllb --source-prefix eng_Latn \
      --target-prefix vie_Latn --json < sentences.txt

It does what the Rust engine does, step by step:
  1. encode each line with SentencePiece to piece strings (marian: source.spm,
     argos: sentencepiece.model, nllb: sentencepiece.bpe.model);
  2. source = [--source-prefix] + pieces + ["</s>"]. `</s>` is appended for marian and nllb
     (as the Transformers tokenizers do); argostranslate passes the bare pieces, so the
     argos default is no `</s>` (--source-eos yes|no overrides);
  3. translate_batch(beam_size, max_decoding_length, target_prefix=[--target-prefix]);
  4. drop the target prefix token from the hypothesis, decode the pieces with SentencePiece
     (marian: target.spm).
The model folder is MODEL_DIR (argos: MODEL_DIR/model).

Reproducibility (checked with ctranslate2 4.8.5 on the tiny models, 239 sentences x 32
tokens): with --compute-type float32 the tokens are identical whatever the ISA
(CT2_FORCE_CPU_ISA=GENERIC|AVX|AVX2), threads (1|2), batch size (1|32) and GEMM library
(oneDNN, oneDNN limited to SSE4.1, MKL via CT2_USE_MKL=1), so compare the Rust engine
(ct2rs, ruy) with this script in float32 (an int8-saved model can be loaded as float32);
keep beam, max_decoding_length, prefixes and `</s>` the same on both sides.
int8 is not portable: threads never matter, but the ISA changes 1-6 of 239 lines, the batch
size can change one, and MKL's int8 GEMM (on this AMD CPU) changes almost every line. So for
int8 pin CT2_FORCE_CPU_ISA and expect a few lines to differ from another GEMM backend.
"""

import argparse
import json
import os
import sys

import ctranslate2
import sentencepiece as spm

TOKENIZERS = {  # layout -> (source spm, target spm, CTranslate2 subfolder)
    "marian": ("source.spm", "target.spm", ""),
    "argos": ("sentencepiece.model", "sentencepiece.model", "model"),
    "nllb": ("sentencepiece.bpe.model", "sentencepiece.bpe.model", ""),
}


def load(model_dir, layout, threads, compute_type):
    src_spm, tgt_spm, sub = TOKENIZERS[layout]
    translator = ctranslate2.Translator(
        os.path.join(model_dir, sub), device="cpu", compute_type=compute_type,
        inter_threads=1, intra_threads=threads)
    source = spm.SentencePieceProcessor(model_file=os.path.join(model_dir, src_spm))
    target = spm.SentencePieceProcessor(model_file=os.path.join(model_dir, tgt_spm))
    return translator, source, target


def source_tokens(sp, line, prefix=None, eos=True):
    pieces = sp.encode(line, out_type=str)
    return ([prefix] if prefix else []) + pieces + (["</s>"] if eos else [])


def translate(translator, source, target, lines, args):
    eos = args.source_eos == "yes" or (args.source_eos == "auto" and args.layout != "argos")
    batch = [source_tokens(source, line, args.source_prefix, eos) for line in lines]
    prefix = [[args.target_prefix] for _ in batch] if args.target_prefix else None
    results = translator.translate_batch(
        batch, target_prefix=prefix, beam_size=args.beam, max_batch_size=args.batch,
        max_decoding_length=args.max_decoding_length, return_scores=True)
    out = []
    for line, tokens, result in zip(lines, batch, results):
        hyp = result.hypotheses[0]
        if args.target_prefix and hyp[:1] == [args.target_prefix]:
            hyp = hyp[1:]
        out.append({"source": line, "source_tokens": tokens, "tokens": hyp,
                    "text": target.decode_pieces(hyp), "score": result.scores[0]})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model_dir")
    ap.add_argument("--layout", choices=sorted(TOKENIZERS), required=True)
    ap.add_argument("--source-prefix", help="token put before the source, e.g. eng_Latn")
    ap.add_argument("--target-prefix", help="token forced first in the target, e.g. vie_Latn")
    ap.add_argument("--source-eos", choices=["auto", "yes", "no"], default="auto")
    ap.add_argument("--beam", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--compute-type", default="default")
    ap.add_argument("--max-decoding-length", type=int, default=32)
    ap.add_argument("--batch", type=int, default=32, help="max_batch_size")
    ap.add_argument("--json", action="store_true", help="one JSON object per sentence")
    args = ap.parse_args()
    if args.layout == "nllb" and not (args.source_prefix and args.target_prefix):
        ap.error("nllb needs --source-prefix and --target-prefix (e.g. eng_Latn, vie_Latn)")

    translator, source, target = load(args.model_dir, args.layout, args.threads, args.compute_type)
    lines = sys.stdin.read().splitlines()
    for item in translate(translator, source, target, lines, args):
        print(json.dumps(item, ensure_ascii=False) if args.json else item["text"])


if __name__ == "__main__":
    main()
