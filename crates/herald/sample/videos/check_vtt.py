#!/usr/bin/env python3
"""Check the sample's WebVTT subtitles (videos/*.vtt): header, cue timings and text.

    python3 check_vtt.py        # checks every .vtt next to this script; exit status 1 on error

Each file must start with `WEBVTT` and a blank line; each cue is an optional identifier, a
`HH:MM:SS.mmm --> HH:MM:SS.mmm` line (end after start, cues in order without overlap) and at
least one line of text. Persian files must use U+200C (zero-width non-joiner) somewhere.
"""

import glob
import os
import re
import sys

TS = r"(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(r"^" + TS + r" --> " + TS + r"( .*)?$")


def seconds(h, m, s, ms):
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def check(path):
    text = open(path, encoding="utf-8").read().removeprefix("\ufeff")
    errors = []
    if "\r" in text:
        errors.append("CR line endings")
    lines = text.split("\n")
    if not re.match(r"^WEBVTT([ \t].*)?$", lines[0]):
        errors.append("first line is not WEBVTT")
    if len(lines) < 2 or lines[1] != "":
        errors.append("no blank line after the header")
    cues = []
    for block in (b for b in text.split("\n\n")[1:] if b.strip()):
        rows = block.strip("\n").split("\n")
        at = 0 if "-->" in rows[0] else 1
        match = TIMING.match(rows[at]) if at < len(rows) else None
        if not match:
            errors.append(f"bad timing line in {rows!r}")
            continue
        start, end = seconds(*match.groups()[:4]), seconds(*match.groups()[4:8])
        if end <= start:
            errors.append(f"cue ends before it starts: {rows[at]}")
        if cues and start < cues[-1][1]:
            errors.append(f"cue overlaps or is out of order: {rows[at]}")
        if len(rows) <= at + 1 or any("-->" in r for r in rows[at + 1 :]):
            errors.append(f"cue without text: {rows[at]}")
        cues.append((start, end))
    if not cues:
        errors.append("no cue")
    if path.endswith(".fa.vtt") and "\u200c" not in text:
        errors.append("Persian text without U+200C")
    return cues, errors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ok = True
    for path in sorted(glob.glob(os.path.join(here, "*.vtt"))):
        cues, errors = check(path)
        span = f"{cues[0][0]:g}-{cues[-1][1]:g} s" if cues else "-"
        print(f"{os.path.basename(path)}: {len(cues)} cues, {span}", "; ".join(errors) or "ok")
        ok = ok and not errors
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
