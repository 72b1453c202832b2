#!/usr/bin/env python3
"""Writes the smaller copies of every sample illustration that pages offer in `srcset`.

For each `<key>.jpg` here, `variants/<key>-<width>.jpg` for each width in WIDTHS that is
smaller than the original, resized with Lanczos and saved as progressive JPEG. Herald's demo
loader registers the files it finds there as the image's variants. Run after
make_images.py:  python3 make_variants.py   (needs Pillow)
"""
import glob
import os

from PIL import Image

WIDTHS = (480, 960)
QUALITY = 80

here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(here, "variants"), exist_ok=True)
for path in sorted(glob.glob(os.path.join(here, "*.jpg"))):
    key = os.path.splitext(os.path.basename(path))[0]
    with Image.open(path) as original:
        for width in WIDTHS:
            if width >= original.width:
                continue
            height = round(original.height * width / original.width)
            copy = original.resize((width, height), Image.LANCZOS)
            out = os.path.join(here, "variants", f"{key}-{width}.jpg")
            copy.save(out, "JPEG", quality=QUALITY, progressive=True, optimize=True)
            print(f"{key}-{width}: {width}x{height}, {os.path.getsize(out) // 1024} KiB")
