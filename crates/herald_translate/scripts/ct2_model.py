#!/usr/bin/env python3
"""Generate CTranslate2 translation models with random weights, for Herald's tests and benches.

No real model can be downloaded here, so herald_translate's neural engine (Rust, over
`ct2rs`) is tested on models this script makes: a SentencePiece model trained on a small
built-in newsroom corpus (English, Vietnamese, Persian), a `TransformerSpec` whose every
weight is a seeded random array, saved by CTranslate2 itself, in the folder layouts the
engine must read:

  marian  (opus-mt converted)  DIR/{model.bin, config.json, shared_vocabulary.json,
                                    source.spm, target.spm, herald-model.toml}
  argos   (Argos package)      DIR/{metadata.json, sentencepiece.model,
                                    model/{model.bin, config.json, shared_vocabulary.json}}
                               and with --zip F.argosmodel the same under translate-FROM_TO-1_0/
  nllb    (multilingual)       DIR/{model.bin, config.json, shared_vocabulary.json,
                                    sentencepiece.bpe.model, herald-model.toml}

Each layout keeps the special tokens and ids of the real models it stands for (see
SPECIALS): opus-mt `</s>`=0 `<unk>`=1; OpenNMT-py/Argos `<unk>`=0 `<blank>`=1 `<s>`=2
`</s>`=3; NLLB (fairseq order) `<s>`=0 `<pad>`=1 `</s>`=2 `<unk>`=3, plus the language
tokens (eng_Latn, ...) at the end. CTranslate2 itself knows only unk/bos/eos (written to
config.json); padding is by length, so `<blank>`/`<pad>` are ordinary tokens to it.
The SentencePiece ids are therefore NOT the CTranslate2 ids: pass piece strings.

Same arguments => byte-identical files (seeded numpy, single-threaded spm training,
fixed zip timestamps). Usage:

  python ct2_model.py --layout marian --size tiny --out /var/tmp/herald-models/tiny-marian
  python ct2_model.py --layout argos --size tiny --out DIR --zip DIR.argosmodel
  python ct2_model.py --layout nllb --size tiny --out DIR --seed 7
  python ct2_model.py --layout marian --size opus --out /var/tmp/herald-models/opus-marian

Prints one JSON line describing what was written.
"""

import argparse
import io
import json
import os
import shutil
import sys
import zipfile
import zlib

import numpy as np
import sentencepiece as spm
import ctranslate2
from ctranslate2.specs import common_spec, model_spec, transformer_spec

# A fixed corpus: the same thirteen newsroom sentences in English, Vietnamese and Persian.
CORPUS = {
    "en": [
        "The city council approved the new budget on Monday.",
        "Heavy rain caused flooding in several northern provinces.",
        "The minister said talks with the union will continue next week.",
        "Local farmers expect a better rice harvest this year.",
        "Schools will reopen after the holiday on Tuesday morning.",
        "The central bank kept interest rates unchanged.",
        "Thousands of people gathered in the square to watch the festival.",
        "Officials warned drivers to avoid the coastal highway.",
        "The football team won the regional championship last night.",
        "A new hospital opened in the capital this week.",
        "Prices of fuel and food rose again in March.",
        "Scientists published a report on air pollution in large cities.",
        "The election will take place on 12 May 2025.",
    ],
    "vi": [
        "Hội đồng thành phố đã thông qua ngân sách mới vào thứ Hai.",
        "Mưa lớn gây ngập lụt ở nhiều tỉnh phía bắc.",
        "Bộ trưởng cho biết các cuộc đàm phán với công đoàn sẽ tiếp tục vào tuần tới.",
        "Nông dân địa phương kỳ vọng vụ lúa năm nay sẽ tốt hơn.",
        "Các trường học sẽ mở cửa trở lại sau kỳ nghỉ vào sáng thứ Ba.",
        "Ngân hàng trung ương giữ nguyên lãi suất.",
        "Hàng nghìn người tập trung tại quảng trường để xem lễ hội.",
        "Các quan chức cảnh báo tài xế tránh đường cao tốc ven biển.",
        "Đội bóng đá đã giành chức vô địch khu vực tối qua.",
        "Một bệnh viện mới đã khai trương ở thủ đô trong tuần này.",
        "Giá nhiên liệu và thực phẩm lại tăng trong tháng Ba.",
        "Các nhà khoa học công bố báo cáo về ô nhiễm không khí ở các thành phố lớn.",
        "Cuộc bầu cử sẽ diễn ra vào ngày 12 tháng 5 năm 2025.",
    ],
    "fa": [
        "شورای شهر روز دوشنبه بودجه جدید را تصویب کرد.",
        "باران شدید در چند استان شمالی باعث سیل شد.",
        "وزیر گفت گفتگوها با اتحادیه هفته آینده ادامه خواهد یافت.",
        "کشاورزان محلی امسال برداشت بهتری از برنج انتظار دارند.",
        "مدارس پس از تعطیلات صبح سه‌شنبه بازگشایی می‌شوند.",
        "بانک مرکزی نرخ بهره را تغییر نداد.",
        "هزاران نفر برای تماشای جشنواره در میدان جمع شدند.",
        "مقامات به رانندگان هشدار دادند که از بزرگراه ساحلی دوری کنند.",
        "تیم فوتبال شب گذشته قهرمان مسابقات منطقه‌ای شد.",
        "یک بیمارستان جدید این هفته در پایتخت افتتاح شد.",
        "قیمت سوخت و مواد غذایی در ماه مارس دوباره افزایش یافت.",
        "دانشمندان گزارشی درباره آلودگی هوا در شهرهای بزرگ منتشر کردند.",
        "انتخابات در ۲۲ اردیبهشت ۱۴۰۴ برگزار می‌شود.",
    ],
}

LANGUAGE_NAMES = {
    "en": "English", "vi": "Vietnamese", "fa": "Persian", "ar": "Arabic",
    "zh": "Chinese", "ru": "Russian", "fr": "French", "es": "Spanish",
}
NLLB_CODES = {
    "en": "eng_Latn", "vi": "vie_Latn", "fa": "pes_Arab", "ar": "arb_Arab",
    "zh": "zho_Hans", "ru": "rus_Cyrl", "fr": "fra_Latn", "es": "spa_Latn",
}

# Per layout: CTranslate2 vocabulary head (ids 0..), config tokens, architecture flags,
# mirroring the converters' output for the real models (opus-mt via the Transformers
# converter, Argos via the OpenNMT-py converter, NLLB via the Transformers converter).
SPECIALS = {
    "marian": dict(head=["</s>", "<unk>"], decoder_start="</s>", pre_norm=False,
                   activation=common_spec.Activation.SWISH, zero_start=True, spm_type="unigram"),
    "argos": dict(head=["<unk>", "<blank>", "<s>", "</s>"], decoder_start="<s>", pre_norm=True,
                  activation=common_spec.Activation.RELU, zero_start=False, spm_type="unigram"),
    "nllb": dict(head=["<s>", "<pad>", "</s>", "<unk>"], decoder_start="</s>", pre_norm=True,
                 activation=common_spec.Activation.RELU, zero_start=False, spm_type="bpe"),
}

# layers (enc, dec), d_model, heads, ffn; spm vocab is an upper bound (the corpus allows
# ~350 pieces); the opus CT2 vocabulary is padded with <dummyNNNNN> tokens to 32000 so the
# embeddings and output layer have an opus-mt-like size.
SIZES = {
    "tiny": dict(layers=(2, 2), d_model=32, heads=2, ffn=64, spm_vocab=200, ct2_vocab=None),
    "opus": dict(layers=(6, 6), d_model=512, heads=8, ffn=2048, spm_vocab=8000, ct2_vocab=32000),
}


def train_spm(model_type, vocab_size):
    """Trains SentencePiece deterministically on CORPUS; returns the serialized model."""
    spm.set_random_generator_seed(1234)
    sentences = [s for lang in ("en", "vi", "fa") for s in CORPUS[lang]]
    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences), model_writer=out,
        model_type=model_type, vocab_size=vocab_size, hard_vocab_limit=False,
        character_coverage=1.0, normalization_rule_name="identity",
        num_threads=1, shuffle_input_sentence=False, input_sentence_size=0,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1, minloglevel=2,
    )
    return out.getvalue()


def ct2_vocabulary(layout, sp, target_size):
    """Layout's special tokens, then the spm pieces, then language/dummy tokens."""
    head = SPECIALS[layout]["head"]
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())
              if not (sp.is_control(i) or sp.is_unknown(i))]
    vocab = head + [p for p in pieces if p not in head]
    if layout == "nllb":
        vocab += list(NLLB_CODES.values())
    if target_size:
        vocab += ["<dummy%05d>" % i for i in range(target_size - len(vocab))]
    return vocab


def weight_shape(name, d, ffn, vocab):
    """Shape of a weight from its spec path, e.g. decoder/layer_0/attention/linear_1/weight."""
    parts = name.split("/")
    attr = parts[-1]
    if "embeddings" in parts[-2] or parts[-2] == "projection":
        return (vocab, d) if attr == "weight" else (vocab,)
    if parts[-2] == "layer_norm":
        return (d,)
    block, linear = parts[-3], parts[-2]
    outputs = {
        ("self_attention", "linear_0"): 3 * d, ("self_attention", "linear_1"): d,
        ("attention", "linear_0"): d, ("attention", "linear_1"): 2 * d,
        ("attention", "linear_2"): d, ("ffn", "linear_0"): ffn, ("ffn", "linear_1"): d,
    }[(block, linear)]
    inputs = ffn if (block, linear) == ("ffn", "linear_1") else d
    return (outputs, inputs) if attr == "weight" else (outputs,)


def build_spec(layout, size, vocab, seed, eos_bias=0.0):
    cfg, sp = SIZES[size], SPECIALS[layout]
    spec = transformer_spec.TransformerSpec.from_config(
        cfg["layers"], cfg["heads"], pre_norm=sp["pre_norm"], activation=sp["activation"])
    spec.decoder.start_from_zero_embedding = sp["zero_start"]
    d, ffn = cfg["d_model"], cfg["ffn"]
    # Encoder and decoder embeddings are tied, as in opus-mt and NLLB (optimize() stores
    # them once, as an alias). The output projection is not: with random weights a tied
    # projection makes every output repeat one token whatever the source.
    shared = np.random.default_rng([seed, 0]).normal(0, d ** -0.5, (len(vocab), d))

    def fill(parent, name, value):
        attr = name.split("/")[-1]
        if value is None or (attr == "bias" and value == model_spec.OPTIONAL):
            shape = weight_shape(name, d, ffn, len(vocab))
            rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
            if "embeddings" in name:
                array = shared
            elif attr == "weight":
                array = rng.normal(0, shape[1] ** -0.5, shape)
            elif attr == "gamma":
                array = 1 + rng.normal(0, 0.1, shape)
            else:  # beta, bias
                array = rng.normal(0, 0.1, shape)
            setattr(parent, attr, array.astype(np.float32))

    model_spec.visit_spec(spec, fill)
    # Random models rarely emit </s>, so outputs run to max_decoding_length; a positive
    # bias on the </s> logit makes some of them stop early (lengths vary by sentence).
    spec.decoder.projection.bias[vocab.index("</s>")] += eos_bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.config.unk_token = "<unk>"
    spec.config.bos_token = "<s>"
    spec.config.eos_token = "</s>"
    spec.config.decoder_start_token = sp["decoder_start"]
    return spec


def write_file(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def zip_package(folder, zip_path, top):
    """Zips folder under top/ with fixed timestamps so the archive is reproducible."""
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        entries = []
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            rel = os.path.relpath(root, folder)
            prefix = top + "/" if rel == "." else "%s/%s/" % (top, rel)
            entries.append((prefix, None))
            entries += [(prefix + f, os.path.join(root, f)) for f in sorted(files)]
        for arcname, path in entries:
            info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o40755 if path is None else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            if path is None:
                z.writestr(info, b"")
            else:
                with open(path, "rb") as f:
                    z.writestr(info, f.read())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--layout", choices=sorted(SPECIALS), required=True)
    ap.add_argument("--size", choices=sorted(SIZES), default="tiny")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quantization", choices=["int8", "float32"], default="int8")
    ap.add_argument("--from", dest="src", default="en")
    ap.add_argument("--to", dest="tgt", default="vi")
    ap.add_argument("--eos-bias", type=float, default=0.0,
                    help="added to the </s> logit (e.g. 2: some outputs stop early)")
    ap.add_argument("--zip", help="argos only: also write this .argosmodel file")
    ap.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = ap.parse_args()
    if args.zip and args.layout != "argos":
        ap.error("--zip is for --layout argos")
    if os.path.exists(args.out) and os.listdir(args.out):
        if not args.force:
            ap.error("%s exists and is not empty (use --force)" % args.out)
        shutil.rmtree(args.out)

    size = SIZES[args.size]
    spm_bytes = train_spm(SPECIALS[args.layout]["spm_type"], size["spm_vocab"])
    sp = spm.SentencePieceProcessor(model_proto=spm_bytes)
    vocab = ct2_vocabulary(args.layout, sp, size["ct2_vocab"])
    spec = build_spec(args.layout, args.size, vocab, args.seed, args.eos_bias)
    spec.validate()
    spec.optimize(quantization=args.quantization)

    ct2_dir = os.path.join(args.out, "model") if args.layout == "argos" else args.out
    os.makedirs(ct2_dir, exist_ok=True)
    spec.save(ct2_dir)
    version = "%s-random %d" % (args.size, args.seed)
    if args.layout == "marian":
        write_file(os.path.join(args.out, "source.spm"), spm_bytes)
        write_file(os.path.join(args.out, "target.spm"), spm_bytes)
        write_file(os.path.join(args.out, "herald-model.toml"),
                   'kind = "marian"\nfrom = %s\nto = %s\nversion = %s\n'
                   % (json.dumps(args.src), json.dumps(args.tgt), json.dumps(version)))
    elif args.layout == "argos":
        write_file(os.path.join(args.out, "sentencepiece.model"), spm_bytes)
        meta = {
            "package_version": "1.0", "argos_version": "1.0",
            "from_code": args.src, "from_name": LANGUAGE_NAMES.get(args.src, args.src),
            "to_code": args.tgt, "to_name": LANGUAGE_NAMES.get(args.tgt, args.tgt),
            "name": "Herald test model (random weights, %s)" % version,
        }
        write_file(os.path.join(args.out, "metadata.json"), json.dumps(meta, indent=2) + "\n")
        if args.zip:
            zip_package(args.out, args.zip, "translate-%s_%s-1_0" % (args.src, args.tgt))
    else:
        write_file(os.path.join(args.out, "sentencepiece.bpe.model"), spm_bytes)
        write_file(os.path.join(args.out, "herald-model.toml"),
                   'kind = "nllb"\nlanguages = %s\nversion = %s\n'
                   % (json.dumps(list(NLLB_CODES)), json.dumps(version)))

    files = sorted(os.path.relpath(os.path.join(r, f), args.out)
                   for r, _, fs in os.walk(args.out) for f in fs)
    print(json.dumps({
        "layout": args.layout, "size": args.size, "seed": args.seed, "out": args.out,
        "quantization": args.quantization, "ctranslate2": ctranslate2.__version__,
        "files": {f: os.path.getsize(os.path.join(args.out, f)) for f in files},
        "zip": args.zip, "vocab_size": len(vocab), "spm_pieces": sp.get_piece_size(),
        "specials": {t: vocab.index(t) for t in SPECIALS[args.layout]["head"]},
        "decoder_start_token": SPECIALS[args.layout]["decoder_start"],
    }, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
