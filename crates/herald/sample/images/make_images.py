#!/usr/bin/env python3
"""Paint the illustrations of Herald's sample newsroom.

Every picture in this folder was made by this script for Herald (licence: same as the project).
They are flat-design poster scenes built from gradients, polygons and circles; no photograph,
font or outside asset is used, and no text is drawn.

    pip install pillow
    python3 make_images.py            # writes every .jpg next to this script
    python3 make_images.py bronze-drum hue-citadel   # only these keys

The output is deterministic: each scene draws from its own random generator seeded with the
image key. Scenes are painted at twice their final size and scaled down, which smooths edges.
Sizes must agree with ../media.toml.
"""

from __future__ import annotations

import math
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
SS = 2  # supersampling factor
QUALITY = 82
# Busier scenes are saved a little lower to stay near 120 KB.
QUALITY_FOR = {"bronze-drum": 72, "pho-bowl": 76, "lacquer-lotus": 74, "silk-weaving": 79}


# ----------------------------------------------------------------------------------------------
# Small drawing kit
# ----------------------------------------------------------------------------------------------


def hexc(s: str, a: int | None = None) -> tuple:
    s = s.lstrip("#")
    rgb = tuple(int(s[i : i + 2], 16) for i in (0, 2, 4))
    return rgb + ((a,) if a is not None else (255,))


def mix(c1, c2, t: float) -> tuple:
    c1, c2 = to_rgba(c1), to_rgba(c2)
    return tuple(round(a + (b - a) * t) for a, b in zip(c1, c2))


def to_rgba(c) -> tuple:
    if isinstance(c, str):
        return hexc(c)
    if len(c) == 3:
        return tuple(c) + (255,)
    return tuple(c)


def alpha(c, a: int) -> tuple:
    return to_rgba(c)[:3] + (a,)


def stops_at(stops, t: float) -> tuple:
    """Colour at position t of a list of (position, colour) stops."""
    stops = [(p, to_rgba(c)) for p, c in stops]
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
        if t <= p1:
            return mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 0)
    return stops[-1][1]


def bezier(p0, p1, p2, p3, n: int = 40) -> list:
    pts = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        x = u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0]
        y = u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]
        pts.append((x, y))
    return pts


def rotate(pts, cx: float, cy: float, ang: float) -> list:
    ca, sa = math.cos(ang), math.sin(ang)
    return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in pts]


def ellipse_pts(cx, cy, rx, ry, ang=0.0, n=48) -> list:
    pts = [(rx * math.cos(2 * math.pi * i / n), ry * math.sin(2 * math.pi * i / n)) for i in range(n)]
    return rotate(pts, cx, cy, ang)


def leaf_pts(cx, cy, length, width, ang, n=24, bulge=0.8) -> list:
    """A pointed leaf or petal whose base is at (cx, cy), pointing at angle ang."""
    side1, side2 = [], []
    for i in range(n + 1):
        t = i / n
        x = length * t
        y = width / 2 * math.sin(math.pi * t) ** bulge
        side1.append((x, y))
        side2.append((x, -y))
    return rotate(side1 + side2[::-1], cx, cy, ang)


def star_pts(cx, cy, r_out, r_in, n, ang=-math.pi / 2) -> list:
    pts = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = ang + math.pi * i / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def ridge(rng, x0, x1, base, amp, waves=4, step=8, rough=0.0) -> list:
    """A wavy horizon line from x0 to x1 as a list of points."""
    phases = [rng.uniform(0, 2 * math.pi) for _ in range(waves)]
    freqs = [rng.uniform(0.6, 1.4) * (k + 1) for k in range(waves)]
    pts = []
    x = x0
    while x <= x1 + step:
        u = (x - x0) / max(1, x1 - x0)
        y = base
        for k in range(waves):
            y -= amp / (k + 1) * math.sin(2 * math.pi * freqs[k] * u + phases[k])
        y += rng.uniform(-rough, rough)
        pts.append((x, y))
        x += step
    return pts


class Canvas:
    """An RGBA picture drawn at SS times its final size, addressed in final pixels."""

    def __init__(self, w: int, h: int, bg="#000000"):
        self.w, self.h = w, h
        self.img = Image.new("RGBA", (w * SS, h * SS), to_rgba(bg))
        self.d = ImageDraw.Draw(self.img)

    # coordinates ---------------------------------------------------------------------------
    @staticmethod
    def _p(pts):
        return [(x * SS, y * SS) for x, y in pts]

    @staticmethod
    def _b(box):
        return [v * SS for v in box]

    # layers -------------------------------------------------------------------------------
    def layer(self, base="#000000"):
        """A transparent layer. Its hidden colour is base, so that blurring light shapes
        (clouds, mist) on it does not darken their edges."""
        im = Image.new("RGBA", self.img.size, to_rgba(base)[:3] + (0,))
        return im, ImageDraw.Draw(im)

    def merge(self, im, blur: float = 0.0, mask_pts=None):
        if blur:
            im = im.filter(ImageFilter.GaussianBlur(blur * SS))
        if mask_pts is not None:
            mask = Image.new("L", im.size, 0)
            ImageDraw.Draw(mask).polygon(self._p(mask_pts), fill=255)
            im.putalpha(Image.composite(im.getchannel("A"), Image.new("L", im.size, 0), mask))
        self.img.alpha_composite(im)

    # primitives ---------------------------------------------------------------------------
    def poly(self, pts, fill, d=None):
        (d or self.d).polygon(self._p(pts), fill=to_rgba(fill))

    def rect(self, x0, y0, x1, y1, fill, d=None):
        (d or self.d).rectangle(self._b((x0, y0, x1, y1)), fill=to_rgba(fill))

    def rrect(self, x0, y0, x1, y1, r, fill, d=None):
        (d or self.d).rounded_rectangle(self._b((x0, y0, x1, y1)), radius=r * SS, fill=to_rgba(fill))

    def circle(self, cx, cy, r, fill, d=None, outline=None, width=0):
        (d or self.d).ellipse(
            self._b((cx - r, cy - r, cx + r, cy + r)),
            fill=to_rgba(fill) if fill is not None else None,
            outline=to_rgba(outline) if outline is not None else None,
            width=int(width * SS),
        )

    def ellipse(self, cx, cy, rx, ry, fill, d=None, outline=None, width=0):
        (d or self.d).ellipse(
            self._b((cx - rx, cy - ry, cx + rx, cy + ry)),
            fill=to_rgba(fill) if fill is not None else None,
            outline=to_rgba(outline) if outline is not None else None,
            width=int(width * SS),
        )

    def line(self, pts, fill, width, d=None, joint="curve"):
        (d or self.d).line(self._p(pts), fill=to_rgba(fill), width=max(1, int(width * SS)), joint=joint)

    def arc(self, cx, cy, r, start, end, fill, width, d=None):
        (d or self.d).arc(
            self._b((cx - r, cy - r, cx + r, cy + r)), start, end, fill=to_rgba(fill), width=int(width * SS)
        )

    # gradients ----------------------------------------------------------------------------
    def gradient(self, box, stops, horizontal=False, mask_pts=None, target=None):
        """Fill box (x0, y0, x1, y1) with a linear gradient, optionally clipped to a polygon."""
        x0, y0, x1, y1 = [int(round(v * SS)) for v in box]
        w, h = max(1, x1 - x0), max(1, y1 - y0)
        g = Image.new("RGBA", (w, h))
        gd = ImageDraw.Draw(g)
        n = w if horizontal else h
        for i in range(n):
            c = stops_at(stops, i / max(1, n - 1))
            if horizontal:
                gd.line([(i, 0), (i, h)], fill=c)
            else:
                gd.line([(0, i), (w, i)], fill=c)
        mask = None
        if mask_pts is not None:
            mask = Image.new("L", (w, h), 0)
            ImageDraw.Draw(mask).polygon([(x * SS - x0, y * SS - y0) for x, y in mask_pts], fill=255)
        target = target or self.img
        if mask is None:
            target.alpha_composite(g, (x0, y0))
        else:
            g.putalpha(Image.composite(g.getchannel("A"), Image.new("L", (w, h), 0), mask))
            target.alpha_composite(g, (x0, y0))

    def radial(self, cx, cy, r, stops, steps=90):
        """A radial gradient as concentric discs (outermost first)."""
        for i in range(steps, 0, -1):
            t = i / steps
            self.circle(cx, cy, r * t, stops_at(stops, t))

    def glow(self, spots, blur):
        """Soft light: spots is a list of (cx, cy, r, rgba)."""
        im, d = self.layer(base=spots[0][3] if spots else "#000000")
        for cx, cy, r, c in spots:
            self.circle(cx, cy, r, c, d=d)
        self.merge(im, blur)

    def clipped(self, mask_pts, paint):
        """Run paint(draw) on a fresh layer and keep only what falls inside mask_pts."""
        im, d = self.layer()
        paint(d)
        mask = Image.new("L", self.img.size, 0)
        ImageDraw.Draw(mask).polygon(self._p(mask_pts), fill=255)
        a = Image.composite(im.getchannel("A"), Image.new("L", im.size, 0), mask)
        im.putalpha(a)
        self.img.alpha_composite(im)

    def save(self, key: str):
        out = self.img.convert("RGB").resize((self.w, self.h), Image.LANCZOS)
        path = os.path.join(HERE, key + ".jpg")
        out.save(path, "JPEG", quality=QUALITY_FOR.get(key, QUALITY), progressive=True, optimize=True)
        return path


def roof_pts(cx, base_y, width, height, lift, top_ratio=0.55, n=30) -> list:
    """A Vietnamese-style roof: sagging eave line with upturned corners, narrower ridge."""
    half = width / 2
    top_half = half * top_ratio
    left_tip = (cx - half, base_y - lift)
    right_tip = (cx + half, base_y - lift)
    eave = bezier(left_tip, (cx - half * 0.75, base_y + lift * 0.05), (cx - half * 0.4, base_y), (cx, base_y), n)
    eave += bezier((cx, base_y), (cx + half * 0.4, base_y), (cx + half * 0.75, base_y + lift * 0.05), right_tip, n)[1:]
    right_side = bezier(
        right_tip, (cx + half * 0.85, base_y - lift * 0.9), (cx + top_half * 1.1, base_y - height * 0.7), (cx + top_half, base_y - height), n
    )
    left_side = bezier(
        (cx - top_half, base_y - height), (cx - top_half * 1.1, base_y - height * 0.7), (cx - half * 0.85, base_y - lift * 0.9), left_tip, n
    )
    return eave + right_side[1:] + left_side[1:]


# ----------------------------------------------------------------------------------------------
# Scenes
# ----------------------------------------------------------------------------------------------


def hue_citadel(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 640), [(0, "#2b1d4e"), (0.42, "#9c3f68"), (0.72, "#ee8448"), (1, "#ffd58a")])
    c.glow([(1130, 505, 170, alpha("#ffd08a", 150))], 60)
    c.circle(1130, 505, 78, "#ffe6a8")
    # distant tree line
    pts = ridge(rng, -20, 1620, 575, 18, waves=6, step=10)
    c.poly(pts + [(1620, 640), (-20, 640)], "#7b3a5c")
    # wall
    c.rect(0, 580, 1600, 712, "#5e2b3d")
    c.rect(0, 572, 1600, 590, "#73374a")
    for y in range(604, 712, 16):
        c.rect(0, y, 1600, y + 2, "#54263a")
    # gate base
    gx = 800
    c.rect(gx - 270, 470, gx + 270, 712, "#6d3140")
    c.rect(gx - 285, 458, gx + 285, 476, "#83404c")
    for ax, aw, ah in ((gx, 62, 150), (gx - 160, 42, 110), (gx + 160, 42, 110)):
        c.rect(ax - aw, 712 - ah + aw, ax + aw, 712, "#2a1422")
        c.ellipse(ax, 712 - ah + aw, aw, aw, "#2a1422")
    # pavilion, lower storey
    c.rect(gx - 230, 375, gx + 230, 458, "#8e2f3b")
    for x in range(gx - 215, gx + 230, 43):
        c.rect(x - 5, 380, x + 5, 458, "#b63a40")
    c.poly(roof_pts(gx, 380, 600, 62, 34), "#b87824")
    c.poly(roof_pts(gx, 372, 580, 60, 32), "#e2a63c")
    # upper storey
    c.rect(gx - 150, 292, gx + 150, 340, "#8e2f3b")
    for x in range(gx - 130, gx + 150, 52):
        c.rect(x - 14, 304, x + 14, 330, "#f0b75a")
    c.poly(roof_pts(gx, 300, 420, 60, 30), "#b87824")
    c.poly(roof_pts(gx, 292, 404, 58, 28), "#e2a63c")
    c.rect(gx - 120, 230, gx + 120, 238, "#c98a2c")
    c.circle(gx, 222, 12, "#f6c766")
    # silhouettes of trees in front of the wall
    for x0, s in ((90, 1.0), (250, 0.75), (1380, 0.9), (1530, 1.1)):
        c.rect(x0 - 6 * s, 600, x0 + 6 * s, 712, "#2a1a2e")
        for dx, dy, r in ((0, -40, 62), (-45, -5, 48), (45, -10, 50), (0, 20, 44)):
            c.circle(x0 + dx * s, 600 + dy * s, r * s, "#2a1a2e")
    # moat
    c.gradient((0, 712, 1600, 900), [(0, "#4a2a4e"), (1, "#1c1230")])
    im, d = c.layer()
    c.rect(gx - 270, 712, gx + 270, 770, alpha("#2a1422", 120), d=d)
    for i in range(14):
        y = 724 + i * 12
        w = 140 - i * 7
        c.rrect(1130 - w, y, 1130 + w, y + 4, 2, alpha("#ffd58a", 200 - i * 10), d=d)
    c.merge(im, 1.5)
    for _ in range(18):
        x, y = rng.uniform(0, 1600), rng.uniform(790, 890)
        r = rng.uniform(16, 34)
        c.ellipse(x, y, r, r * 0.35, "#2f5a45")
        c.poly([(x, y), (x + r, y - r * 0.12), (x + r, y + r * 0.12)], "#1c1230")
    return c


def conference_hall(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 480), [(0, "#142a4a"), (1, "#24497a")])
    for x in range(40, 1600, 160):
        c.rect(x, 0, x + 70, 480, "#1d3b66")
    c.glow([(x, 30, 16, alpha("#fff2c8", 230)) for x in range(100, 1600, 200)], 10)
    for x in range(100, 1600, 200):
        c.circle(x, 30, 7, "#fff7dd")
    # screen with an abstract globe
    c.rrect(510, 95, 1090, 420, 10, "#0f2240")
    c.gradient((520, 105, 1080, 410), [(0, "#2f74b8"), (1, "#5fb3df")])
    gx, gy, r = 800, 258, 118
    c.circle(gx, gy, r, "#e9f4fb")
    c.circle(gx, gy, r - 6, "#3e8cc8")
    for k in (0.25, 0.55, 0.85):
        c.ellipse(gx, gy, r * k, r - 6, None, outline="#e9f4fb", width=3)
    for dy in (-70, -35, 0, 35, 70):
        half = math.sqrt(max(0, (r - 6) ** 2 - dy * dy))
        c.line([(gx - half, gy + dy), (gx + half, gy + dy)], "#e9f4fb", 3)
    c.poly(
        [(gx - 60, gy - 60), (gx - 20, gy - 80), (gx + 10, gy - 40), (gx - 10, gy - 5), (gx - 50, gy - 20)],
        alpha("#9fe0b0", 235),
    )
    c.poly([(gx + 25, gy + 5), (gx + 75, gy - 10), (gx + 85, gy + 40), (gx + 40, gy + 75)], alpha("#9fe0b0", 235))
    # event banners as plain shapes (deliberately no national flag)
    colours = ["#c8a24a", "#2a7f8f", "#3f5fa8", "#b8433f", "#b8433f", "#3f5fa8", "#2a7f8f", "#c8a24a"]
    xs = [150, 250, 350, 450, 1150, 1250, 1350, 1450]
    for x, col in zip(xs, colours):
        c.rect(x - 3, 140, x + 3, 470, "#c9c3b3")
        c.circle(x, 138, 7, "#e8d9a8")
        c.rect(x - 42, 150, x + 42, 157, "#d9cfb4")
        banner = [(x - 36, 157), (x + 36, 157), (x + 36, 385), (x, 356), (x - 36, 385)]
        c.poly([(bx + 4, by + 4) for bx, by in banner], alpha("#0a1628", 120))
        c.poly(banner, col)
        c.poly([(x - 30, 163), (x + 30, 163), (x + 30, 372), (x, 346), (x - 30, 372)], mix(col, "#ffffff", 0.18))
        c.poly([(x - 26, 167), (x + 26, 167), (x + 26, 364), (x, 340), (x - 26, 364)], col)
        for a in (-math.pi / 2, -math.pi / 2 - 0.6, -math.pi / 2 + 0.6):
            c.poly(leaf_pts(x, 262, 44, 22, a), "#f4efe2")
        c.rect(x - 20, 268, x + 20, 273, "#f4efe2")
    # stage, table and flowers
    c.rect(0, 480, 1600, 900, "#7a2430")
    c.gradient((0, 480, 1600, 900), [(0, "#8a2c36"), (1, "#4a121c")])
    c.rect(300, 470, 1300, 560, "#6b3a2a")
    c.rect(300, 552, 1300, 566, "#4d281d")
    c.rect(380, 430, 1220, 520, "#f2efe6")
    c.rect(380, 430, 1220, 446, "#d6c9a6")
    for x in range(430, 1200, 95):
        c.line([(x, 430), (x - 10, 395)], "#2b2b2b", 3)
        c.circle(x - 10, 393, 5, "#2b2b2b")
    for dx, dy, col in ((-30, 0, "#e04a3f"), (0, -14, "#f2c14e"), (30, 0, "#e04a3f"), (-14, 10, "#f08a5d"), (14, 10, "#f08a5d")):
        c.circle(800 + dx, 430 + dy, 16, col)
    for ang in (-2.6, -0.5, -1.7, -1.2):
        c.poly(leaf_pts(800, 440, 50, 18, ang), "#3c7a45")
    # audience seen from behind
    for row, (y, col, head) in enumerate(((690, "#1b2a44", "#0f1a2b"), (770, "#16233a", "#0c1524"), (850, "#111c30", "#09111d"))):
        off = 0 if row % 2 == 0 else 55
        for x in range(-40 + off, 1700, 110):
            c.circle(x + rng.uniform(-6, 6), y - 48 + rng.uniform(-6, 6), 26, head)
            c.rrect(x - 48, y - 30, x + 48, y + 70, 14, col)
    return c


def ceramic_vase(rng):
    c = Canvas(900, 1200)
    c.gradient((0, 0, 900, 960), [(0, "#f1e8d6"), (1, "#e0cfb0")])
    c.glow([(450, 560, 420, alpha("#fbf6ea", 170))], 140)
    c.gradient((0, 950, 900, 1200), [(0, "#b98a5a"), (1, "#8f6440")])
    c.rect(0, 946, 900, 954, "#a77a4e")
    im, d = c.layer()
    c.ellipse(470, 958, 200, 26, alpha("#5c3b22", 170), d=d)
    c.merge(im, 12)

    cx, y_bot, y_top = 450, 950, 250
    keys = [(0.0, 100), (0.03, 108), (0.1, 172), (0.25, 224), (0.42, 200), (0.6, 128), (0.75, 74), (0.88, 80), (1.0, 110)]

    def radius(t):
        """Catmull-Rom spline through the profile keys."""
        t = min(max(t, 0.0), 1.0)
        for i in range(len(keys) - 1):
            if t <= keys[i + 1][0]:
                break
        p0 = keys[max(i - 1, 0)][1]
        p1, p2 = keys[i][1], keys[i + 1][1]
        p3 = keys[min(i + 2, len(keys) - 1)][1]
        u = (t - keys[i][0]) / (keys[i + 1][0] - keys[i][0])
        return 0.5 * (2 * p1 + (-p0 + p2) * u + (2 * p0 - 5 * p1 + 4 * p2 - p3) * u * u + (-p0 + 3 * p1 - 3 * p2 + p3) * u**3)

    def y_of(t):
        return y_bot - (y_bot - y_top) * t

    n = 120
    right = [(cx + radius(i / n), y_of(i / n)) for i in range(n + 1)]
    left = [(cx - radius(i / n), y_of(i / n)) for i in range(n + 1)][::-1]
    body = right + left
    c.gradient((cx - 240, y_top, cx + 240, y_bot), [(0, "#ffffff"), (0.45, "#f3f6f8"), (1, "#b9c6d4")], horizontal=True, mask_pts=body)
    blue = "#1f4e9c"

    def band(t0, t1, col, d):
        pts = [(cx + radius(t0 + (t1 - t0) * i / 20), y_of(t0 + (t1 - t0) * i / 20)) for i in range(21)]
        pts += [(cx - radius(t1 - (t1 - t0) * i / 20), y_of(t1 - (t1 - t0) * i / 20)) for i in range(21)]
        c.poly(pts, col, d=d)

    def proj(theta, t):
        """x of a point at angle theta (0 = front) on the vase at height t, plus a foreshortening factor."""
        return cx + radius(t) * math.sin(theta), math.cos(theta)

    def paint(d):
        band(0.0, 0.05, blue, d)
        band(0.07, 0.085, blue, d)
        # lotus-petal band
        for k in range(-7, 8):
            th = k * math.pi / 9
            x, f = proj(th, 0.14)
            if f <= 0.05:
                continue
            c.poly(leaf_pts(x, y_of(0.095), 100, 62 * f, -math.pi / 2, bulge=0.55), blue, d=d)
            c.poly(leaf_pts(x, y_of(0.095) - 14, 66, 30 * f, -math.pi / 2, bulge=0.55), "#dfe7f0", d=d)
        band(0.235, 0.25, blue, d)
        # medallions on the belly
        for k in range(-4, 5):
            th = k * math.pi / 4.5 + 0.2
            x, f = proj(th, 0.38)
            if f <= 0.1:
                continue
            y = y_of(0.38)
            c.ellipse(x, y, 62 * f, 62, blue, d=d)
            c.ellipse(x, y, 50 * f, 50, "#e8eef5", d=d)
            for j in range(8):
                a = j * math.pi / 4
                c.ellipse(x + 28 * math.cos(a) * f, y + 28 * math.sin(a), 12 * f, 12, blue, d=d)
            c.ellipse(x, y, 12 * f, 12, blue, d=d)
        band(0.52, 0.535, blue, d)
        band(0.56, 0.575, blue, d)
        # waves on the neck
        for row in range(3):
            t = 0.62 + row * 0.06
            pts = []
            r = radius(t)
            for i in range(81):
                x = cx - r + 2 * r * i / 80
                pts.append((x, y_of(t) + 7 * math.sin(i / 3.0 + row)))
            c.line(pts, blue, 5, d=d)
        band(0.8, 0.815, blue, d)
        band(0.93, 1.0, blue, d)

    c.clipped(body, paint)
    im, d = c.layer("#ffffff")
    c.ellipse(cx - 125, 600, 20, 230, alpha("#ffffff", 120), d=d)
    c.merge(im, 12, mask_pts=body)
    c.ellipse(cx, y_top, radius(1.0), 14, "#16396f")
    c.ellipse(cx, y_top, radius(1.0) - 12, 8, "#0c2447")
    # a small cup beside it
    cup = [(680, 880), (700, 945), (800, 945), (820, 880)]
    c.gradient((676, 872, 824, 950), [(0, "#ffffff"), (1, "#b9c6d4")], horizontal=True, mask_pts=cup)
    c.ellipse(750, 880, 70, 12, "#dfe7f0")
    c.rect(705, 905, 795, 913, blue)
    return c


def paper_flowers(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#124650"), (1, "#0a2830")])
    c.glow([(800, 400, 420, alpha("#1f6a72", 160))], 90)
    palettes = [
        ("#d92f3a", "#f4707a"),
        ("#f2b705", "#ffd95a"),
        ("#8e3fae", "#c58be0"),
        ("#ef6f9c", "#ffb3cd"),
        ("#e85d2a", "#ffa061"),
        ("#f5f0e6", "#ffffff"),
    ]
    # stems gathered into one bundle
    knot = (800, 790)
    flowers = []
    for _ in range(26):
        ang = rng.uniform(-2.55, -0.6)
        dist = rng.uniform(260, 640)
        x = knot[0] + math.cos(ang) * dist * 1.25
        y = knot[1] + math.sin(ang) * dist
        flowers.append((x, y, rng.uniform(42, 74), rng.choice(palettes), rng.uniform(0, math.pi)))
    flowers.sort(key=lambda f: f[2])
    for x, y, r, _, _ in flowers:
        mid = ((x + knot[0]) / 2 + rng.uniform(-30, 30), (y + knot[1]) / 2)
        c.line(bezier((x, y), mid, mid, knot, 20), "#d7c28a", 5)
    for _ in range(22):
        x, y = rng.uniform(420, 1180), rng.uniform(200, 700)
        ang = math.atan2(y - knot[1], x - knot[0]) + rng.uniform(-1.2, 1.2)
        col = rng.choice(["#2f8f5b", "#3fa86a", "#23734a"])
        c.poly(leaf_pts(x, y, rng.uniform(60, 100), rng.uniform(22, 34), ang), col)
    for x, y, r, (dark, light), rot in flowers:
        for layer, (rr, col, count) in enumerate(((r, dark, 10), (r * 0.72, mix(dark, light, 0.5), 9), (r * 0.45, light, 8))):
            for k in range(count):
                a = rot + layer * 0.3 + 2 * math.pi * k / count
                c.poly(leaf_pts(x, y, rr, rr * 0.62, a, bulge=0.6), col)
        c.circle(x, y, r * 0.16, "#f7d24a")
        c.circle(x, y, r * 0.08, "#c0392b")
    # the bundle and its ribbon
    c.poly([(760, 780), (840, 780), (870, 900), (730, 900)], "#c7ad6e")
    for x in range(740, 870, 12):
        c.line([(x + 10, 782), (x + (x - 800) * 0.2, 900)], "#a88f55", 2)
    c.rrect(748, 770, 852, 800, 6, "#d92f3a")
    c.poly(leaf_pts(800, 785, 70, 26, 2.4), "#d92f3a")
    c.poly(leaf_pts(800, 785, 70, 26, 0.7), "#d92f3a")
    return c


def ha_long_bay(rng):
    c = Canvas(1600, 900)
    horizon = 520
    c.gradient((0, 0, 1600, horizon), [(0, "#5f86ad"), (0.55, "#c3b4c8"), (1, "#f6d3a6")])
    c.glow([(1180, horizon - 40, 120, alpha("#fff0c8", 170))], 50)
    c.circle(1180, horizon - 40, 42, "#fff3d6")
    c.gradient((0, horizon, 1600, 900), [(0, "#a6bcc2"), (0.3, "#6d97a6"), (1, "#264f63")])

    def karst(cx, base, w, h):
        pts = [(cx - w / 2, base)]
        steps = 18
        for i in range(1, steps):
            u = i / steps
            x = cx - w / 2 + w * u
            shape = math.sin(math.pi * u) ** 0.35
            bumps = 0.08 * math.sin(u * 9 + rng.uniform(0, 6)) + rng.uniform(-0.04, 0.04)
            pts.append((x, base - h * (shape + bumps)))
        pts.append((cx + w / 2, base))
        return pts

    layers = [
        (horizon, "#b7bfd0", 9, (40, 110), (60, 150)),
        (horizon + 6, "#8299a2", 6, (90, 220), (120, 230)),
        (horizon + 14, "#3f605d", 3, (180, 330), (220, 360)),
    ]
    for base, col, count, hr, wr in layers:
        im, d = c.layer()
        for _ in range(count):
            cx = rng.uniform(-50, 1650)
            pts = karst(cx, base, rng.uniform(*wr), rng.uniform(*hr))
            c.poly(pts, col)
            c.poly([(x, 2 * base - y * 1.0 + (y - base) * 0.4) for x, y in pts], alpha(col, 90), d=d)
        c.merge(im, 3)
    # ripples
    for _ in range(70):
        y = rng.uniform(horizon + 20, 890)
        x = rng.uniform(0, 1600)
        w = (y - horizon) * 0.25
        c.rrect(x - w, y, x + w, y + 2 + (y - horizon) / 160, 2, alpha("#e8f0f0", 60))
    # sun path
    for i in range(12):
        y = horizon + 8 + i * 14
        w = 60 - i * 3
        c.rrect(1180 - w, y, 1180 + w, y + 3, 2, alpha("#fff0c8", 150 - i * 10))

    def junk(x, y, s):
        hull = bezier((x - 110 * s, y - 28 * s), (x - 70 * s, y + 10 * s), (x + 60 * s, y + 10 * s), (x + 120 * s, y - 34 * s), 20)
        c.poly(hull + [(x + 90 * s, y - 22 * s), (x - 90 * s, y - 20 * s)], "#3b2a22")
        c.rect(x - 70 * s, y - 42 * s, x + 60 * s, y - 22 * s, "#5b4030")
        for mx, mh, mw in ((x - 45 * s, 170 * s, 70 * s), (x + 25 * s, 210 * s, 85 * s), (x + 85 * s, 120 * s, 50 * s)):
            c.line([(mx, y - 30 * s), (mx, y - 30 * s - mh)], "#2a1d17", max(2, 4 * s))
            sail = [(mx, y - 40 * s), (mx, y - 30 * s - mh), (mx + mw, y - 30 * s - mh * 0.92), (mx + mw * 1.1, y - 45 * s)]
            c.poly(sail, "#c8643a")
            for k in range(1, 6):
                t = k / 6
                c.line(
                    [(mx, y - 40 * s - (mh - 10 * s) * t), (mx + mw * (1.1 - 0.1 * t), y - 45 * s - (mh * 0.92 - 15 * s) * t)],
                    "#8e3f22",
                    max(1, 2.5 * s),
                )
        c.ellipse(x, y + 6 * s, 120 * s, 8 * s, alpha("#1f3a48", 120))

    junk(470, 700, 1.15)
    junk(1000, 585, 0.45)
    junk(250, 560, 0.3)
    for _ in range(6):
        x, y = rng.uniform(600, 1000), rng.uniform(120, 260)
        c.line([(x - 10, y - 5), (x, y), (x + 10, y - 5)], "#4a5a70", 2)
    return c


def coffee_beans(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#7a5638"), (1, "#5a3c26")], horizontal=True)

    def bean(x, y, r, ang, col):
        c.poly(ellipse_pts(x + 3, y + 4, r, r * 0.68, ang), alpha("#1d120a", 120))
        c.poly(ellipse_pts(x, y, r, r * 0.68, ang), col)
        c.poly(ellipse_pts(x - r * 0.2, y - r * 0.25, r * 0.45, r * 0.2, ang), alpha("#ffffff", 40))
        crease = [(t * r * 0.8, r * 0.12 * math.sin(t * 3.2)) for t in [i / 10 - 0.5 for i in range(11)]]
        crease = [(px * 2, py) for px, py in crease]
        c.line(rotate(crease, x, y, ang), "#24150c", max(2, r * 0.12))

    for _ in range(160):
        x = rng.gauss(470, 260)
        y = rng.gauss(560, 200)
        if not (-40 < x < 1000 and 80 < y < 940):
            continue
        bean(x, y, rng.uniform(24, 34), rng.uniform(0, math.pi), rng.choice(["#4a2b19", "#5b341e", "#3d2314", "#6a3e22"]))
    # cup of coffee, seen from above
    c.circle(1300, 650, 170, alpha("#2a1a10", 110))
    c.circle(1290, 640, 168, "#f1ece3")
    c.circle(1290, 640, 140, "#d8d0c2")
    c.radial(1290, 640, 126, [(0, "#c99a63"), (0.6, "#8a5a32"), (1, "#5a351c")], steps=40)
    c.arc(1290, 640, 100, 200, 320, alpha("#e7c79a", 170), 6)
    c.rrect(1445, 615, 1520, 665, 24, "#f1ece3")
    c.rrect(1462, 628, 1505, 652, 12, "#7a5638")
    # branch with leaves and cherries
    branch = bezier((980, -20), (1120, 120), (1330, 170), (1640, 260), 60)
    c.line(branch, "#5b3a1e", 14)
    for i in range(6, 60, 9):
        bx, by = branch[i]
        for side in (-1, 1):
            ang = math.atan2(branch[i + 1][1] - by, branch[i + 1][0] - bx) + side * 1.0
            c.poly(leaf_pts(bx, by, 170, 62, ang), "#2f6b3c")
            c.line([(bx, by), (bx + 150 * math.cos(ang), by + 150 * math.sin(ang))], "#4d8a55", 3)
        for _ in range(7):
            cx2 = bx + rng.uniform(-30, 30)
            cy2 = by + rng.uniform(-10, 34)
            col = rng.choice(["#c4262e", "#c4262e", "#a81f2a", "#e0702a", "#7fa33a"])
            c.circle(cx2, cy2, 17, col)
            c.circle(cx2 - 5, cy2 - 6, 5, alpha("#ffffff", 90))
    return c


def silk_weaving(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#d9a46a"), (1, "#b97a46")])
    im, d = c.layer("#fff1d6")
    c.poly([(1380, 0), (1600, 0), (1600, 420), (1180, 900), (900, 900)], alpha("#fff1d6", 60), d=d)
    c.merge(im, 60)
    c.rect(0, 780, 1600, 900, "#6e4a2c")
    c.rect(0, 780, 1600, 790, "#5a3b22")
    # skeins hanging from a pole
    c.rect(40, 96, 360, 108, "#5c3b22")
    for i, col in enumerate(["#e0a43a", "#2f4f8f", "#c74a6a", "#3f8f7a", "#f2dca0"]):
        x = 70 + i * 60
        for k in range(7):
            dx = (k - 3) * 3
            c.line(bezier((x + dx, 104), (x + dx - 26, 230), (x + dx + 20, 330), (x + dx + 4, 420), 30), mix(col, "#000000", 0.12 * (k % 2)), 4)
        c.rrect(x - 12, 400, x + 16, 430, 6, mix(col, "#000000", 0.25))
    # loom frame
    frame = "#4a2f1b"
    c.rect(400, 90, 1320, 124, frame)
    c.rect(400, 690, 1320, 730, frame)
    c.rect(400, 90, 430, 780, frame)
    c.rect(1290, 90, 1320, 780, frame)
    c.rect(380, 760, 450, 790, "#3a2414")
    c.rect(1270, 760, 1340, 790, "#3a2414")
    # warp threads
    c.rect(440, 124, 1280, 420, "#c89a64")
    for i, x in enumerate(range(450, 1275, 8)):
        col = "#f6edd8" if i % 2 else "#efd59c"
        c.line([(x, 124), (x, 420)], col, 4)
    # heddle bars
    for y in (200, 270):
        c.rect(440, y, 1280, y + 10, "#8a5a34")
    # woven cloth: an indigo border, then a lozenge pattern on red
    c.rect(445, 420, 1275, 692, "#9e2b35")
    c.rect(445, 420, 1275, 452, "#2f4f8f")
    c.rect(445, 458, 1275, 464, "#e0a43a")

    def pattern(d):
        for row, y in enumerate(range(474, 700, 26)):
            for x in range(450 + (row % 2) * 26, 1280, 52):
                c.poly([(x, y), (x + 13, y + 13), (x, y + 26), (x - 13, y + 13)], "#e0a43a", d=d)
                c.poly([(x, y + 7), (x + 6, y + 13), (x, y + 19), (x - 6, y + 13)], "#9e2b35", d=d)

    c.clipped([(445, 470), (1275, 470), (1275, 692), (445, 692)], pattern)
    im, d = c.layer()
    c.gradient((445, 420, 1275, 692), [(0, alpha("#ffffff", 50)), (0.5, alpha("#ffffff", 0)), (1, alpha("#000000", 60))], target=im)
    c.merge(im)
    # reed
    c.rect(440, 404, 1280, 424, "#5c3b22")
    for x in range(450, 1275, 9):
        c.line([(x, 406), (x, 422)], "#3a2414", 2)
    # shuttle resting on the cloth
    sh = bezier((960, 600), (1010, 560), (1140, 560), (1190, 600), 20) + bezier((1190, 600), (1140, 640), (1010, 640), (960, 600), 20)
    c.poly([(x + 4, y + 6) for x, y in sh], alpha("#3a2412", 140))
    c.poly(sh, "#c08a4c")
    c.rrect(1030, 588, 1120, 612, 10, "#f2dca0")
    c.line([(1120, 600), (1200, 424)], "#f2dca0", 2)
    return c


def bronze_drum(rng):
    c = Canvas(1200, 1200)
    c.radial(600, 600, 860, [(0, "#2d3a36"), (1, "#121a19")], steps=60)
    cx = cy = 600
    c.circle(cx + 10, cy + 14, 545, alpha("#050807", 180))
    c.radial(cx, cy, 545, [(0, "#caa262"), (0.7, "#a77636"), (1, "#7d5424")], steps=70)

    def rim(r, col, w=5):
        c.circle(cx, cy, r, None, outline=col, width=w)

    dark = "#6b431c"
    # radial hatch ring
    for r0, r1, n in ((500, 530, 120), (150, 175, 72), (300, 318, 100)):
        rim(r1, dark, 4)
        rim(r0, dark, 4)
        for i in range(n):
            a = 2 * math.pi * i / n
            c.line([(cx + r0 * math.cos(a), cy + r0 * math.sin(a)), (cx + r1 * math.cos(a), cy + r1 * math.sin(a))], dark, 3)
    # ring of circles joined by tangents
    for r, n in ((197, 24), (470, 60)):
        rim(r - 18, dark, 3)
        rim(r + 18, dark, 3)
        for i in range(n):
            a = 2 * math.pi * i / n
            x, y = cx + r * math.cos(a), cy + r * math.sin(a)
            c.circle(x, y, 10, None, outline=dark, width=3)
            c.circle(x, y, 3, dark)
    # flying birds
    rb = 400
    rim(rb - 58, dark, 4)
    rim(rb + 52, dark, 4)
    for i in range(12):
        a = 2 * math.pi * i / 12 + 0.1
        bx, by = cx + rb * math.cos(a), cy + rb * math.sin(a)
        turn = a + math.pi / 2  # birds fly round the star

        def part(pts):
            c.poly(rotate(pts, bx, by, turn), dark)

        c.poly(ellipse_pts(bx, by, 30, 9, turn), dark)
        part([(-26, -4), (-74, -16), (-64, 0), (-74, 16), (-26, 4)])  # tail
        part([(6, -5), (-20, -42), (2, -48), (22, -6)])  # wing
        part([(6, 5), (-20, 42), (2, 48), (22, 6)])  # wing
        c.circle(*rotate([(36, 0)], bx, by, turn)[0], 9, dark)
        part([(40, -3), (98, 0), (40, 3)])  # long beak
        for tip in ((18, -20), (24, -24)):
            c.line(rotate([(34, -4), tip], bx, by, turn), dark, 3)
        c.circle(*rotate([(38, -2)], bx, by, turn)[0], 3, "#e8c27a")
    # zigzag ring
    r0, r1 = 230, 280
    rim(r0, dark, 4)
    rim(r1, dark, 4)
    n = 36
    for i in range(n):
        a0 = 2 * math.pi * i / n
        a1 = 2 * math.pi * (i + 0.5) / n
        a2 = 2 * math.pi * (i + 1) / n
        c.poly(
            [(cx + r0 * math.cos(a0), cy + r0 * math.sin(a0)), (cx + r1 * math.cos(a1), cy + r1 * math.sin(a1)), (cx + r0 * math.cos(a2), cy + r0 * math.sin(a2))],
            dark,
        )
    # central star
    c.circle(cx, cy, 135, "#b8893f")
    c.poly(star_pts(cx, cy, 128, 48, 14), "#f0cf85")
    c.circle(cx, cy, 42, "#d7ac5e")
    c.circle(cx, cy, 20, "#f0cf85")
    rim(545, "#5a3a18", 10)
    c.glow([(430, 400, 260, alpha("#fff2cc", 55))], 90)
    return c


def river_lanterns(rng):
    c = Canvas(1600, 900)
    horizon = 470
    c.gradient((0, 0, 1600, horizon), [(0, "#0a1330"), (0.7, "#1f2d5c"), (1, "#3d4477")])
    for _ in range(90):
        x, y = rng.uniform(0, 1600), rng.uniform(0, horizon - 120)
        c.circle(x, y, rng.uniform(0.8, 2.0), alpha("#ffffff", rng.randint(120, 230)))
    c.glow([(1290, 130, 90, alpha("#f6eccb", 110))], 40)
    c.circle(1290, 130, 40, "#f6eccb")
    # far bank with trees and a tiered tower
    bank = ridge(rng, -20, 1620, horizon - 10, 10, waves=5, step=12)
    c.poly(bank + [(1620, horizon + 30), (-20, horizon + 30)], "#0e1731")
    for _ in range(40):
        x = rng.uniform(0, 1600)
        if 240 < x < 380:
            continue
        c.circle(x, horizon - 10 - rng.uniform(0, 30), rng.uniform(18, 40), "#0e1731")
    tx, ty = 310, horizon - 10
    w = 70
    for k in range(7):
        h = 32 - k * 1.5
        c.rect(tx - w / 2, ty - h, tx + w / 2, ty, "#101b38")
        c.poly(roof_pts(tx, ty - h, w + 30, 14, 8), "#0b142b")
        ty -= h + 6
        w *= 0.86
    c.line([(tx, ty), (tx, ty - 30)], "#0b142b", 4)
    # river
    c.gradient((0, horizon + 10, 1600, 900), [(0, "#1e2b58"), (1, "#0a1130")])
    im, d = c.layer()
    for i in range(16):
        y = horizon + 22 + i * 16
        wd = (55 - i * 2.5) * rng.uniform(0.6, 1.1)
        x0 = 1290 + rng.uniform(-8, 8)
        c.rrect(x0 - wd, y, x0 + wd, y + 3, 2, alpha("#f6eccb", 90 - i * 5), d=d)
    c.merge(im, 2.5)
    # dragon boat
    bx, by = 1080, 560
    hull = bezier((bx - 210, by - 8), (bx - 120, by + 26), (bx + 120, by + 26), (bx + 200, by - 10), 30)
    c.poly(hull + [(bx + 200, by - 20), (bx - 210, by - 18)], "#3a1620")
    c.poly([(bx + 195, by - 12), (bx + 240, by - 70), (bx + 275, by - 78), (bx + 262, by - 58), (bx + 230, by - 52), (bx + 212, by - 18)], "#c89a3a")
    c.circle(bx + 258, by - 70, 4, "#fff0b0")
    c.poly([(bx - 205, by - 14), (bx - 240, by - 40), (bx - 228, by - 12)], "#c89a3a")
    c.rect(bx - 140, by - 64, bx + 120, by - 18, "#5a1f2a")
    for wx in range(int(bx - 126), int(bx + 110), 30):
        c.rect(wx, by - 52, wx + 16, by - 32, "#ffcf70")
    c.poly(roof_pts(bx - 10, by - 60, 300, 24, 14), "#c89a3a")
    glows = []
    for x in range(int(bx - 130), int(bx + 120), 32):
        glows.append((x, by - 40, 14, alpha("#ffcc66", 200)))
    # floating lanterns with perspective
    lanterns = []
    for _ in range(85):
        y = horizon + 30 + (rng.random() ** 1.3) * 400
        x = rng.uniform(-20, 1620)
        if 820 < x < 1360 and 460 < y < 610:
            continue
        lanterns.append((x, y))
    lanterns.sort(key=lambda p: p[1])
    for x, y in lanterns:
        s = 0.3 + (y - horizon) / 400 * 1.2
        glows.append((x, y - 6 * s, 34 * s, alpha("#ffb347", 150)))
    c.glow(glows, 16)
    im, d = c.layer()
    for x, y in lanterns:
        s = 0.3 + (y - horizon) / 400 * 1.2
        c.rrect(x - 4 * s, y + 6 * s, x + 4 * s, y + 60 * s, 3 * s, alpha("#ffb347", 90), d=d)
    c.merge(im, 4)
    for x, y in lanterns:
        s = 0.3 + (y - horizon) / 400 * 1.2
        col = rng.choice(["#e8483c", "#f5a623", "#f27aa0", "#f7d05e"])
        c.poly([(x - 18 * s, y - 16 * s), (x + 18 * s, y - 16 * s), (x + 13 * s, y + 4 * s), (x - 13 * s, y + 4 * s)], col)
        for k in (-1, 0, 1):
            c.poly(leaf_pts(x + k * 10 * s, y - 14 * s, 18 * s, 12 * s, -math.pi / 2 + k * 0.45), mix(col, "#ffffff", 0.35))
        c.circle(x, y - 10 * s, 5 * s, "#fff6d0")
    return c


def pagoda_roof(rng):
    c = Canvas(900, 1200)
    c.gradient((0, 0, 900, 1200), [(0, "#c7d5d8"), (0.6, "#ece1cc"), (1, "#e3cfae")])
    c.glow([(640, 300, 200, alpha("#fff6e0", 200))], 70)
    # a far roof in the mist
    c.rect(70, 556, 290, 720, "#c2cbc8")
    c.poly(roof_pts(180, 560, 420, 80, 40), "#aebbbb")
    # main upper roof
    cx = 470
    c.rect(cx - 230, 470, cx + 230, 780, "#8e2a24")
    for x in range(cx - 215, cx + 230, 72):
        c.rect(x - 10, 470, x + 10, 780, "#b23a30")
    c.rect(cx - 240, 640, cx + 240, 656, "#5b1b18")
    c.rect(cx - 240, 470, cx + 240, 488, "#5b1b18")
    for x in range(cx - 160, cx + 180, 80):
        c.rect(x - 24, 520, x + 24, 600, "#f0c46a")
        c.line([(x, 520), (x, 600)], "#8e2a24", 4)
        c.line([(x - 24, 560), (x + 24, 560)], "#8e2a24", 4)
    roof = roof_pts(cx, 470, 760, 190, 110, top_ratio=0.5)
    c.poly([(x, y + 14) for x, y in roof], "#3b2a22")
    c.poly(roof, "#5d4a3f")

    def tiles(d):
        for k in range(-30, 31):
            x0 = cx + k * 13
            c.line([(x0 * 1.0, 240), (cx + k * 13 * 2.2, 500)], "#4a3a31", 4, d=d)

    c.clipped(roof, tiles)
    c.line(roof_pts(cx, 470, 760, 190, 110, top_ratio=0.5)[:61], "#2a1d17", 8)
    # curled tips
    for sgn in (-1, 1):
        tx, ty = cx + sgn * 380, 470 - 110
        c.circle(tx + sgn * 6, ty - 14, 16, "#5d4a3f")
        c.circle(tx + sgn * 6, ty - 14, 7, "#c7d5d8")
    # ridge with two stylised dragons facing a pearl
    ridge_y = 470 - 190
    c.rect(cx - 200, ridge_y - 14, cx + 200, ridge_y + 6, "#4a3a31")
    c.glow([(cx, ridge_y - 52, 30, alpha("#ffdf8a", 200))], 12)
    c.circle(cx, ridge_y - 52, 22, "#f3b94a")
    for sgn in (-1, 1):
        body = [(cx + sgn * (40 + i * 4), ridge_y - 22 - 16 * math.sin(i / 5.5)) for i in range(40)]
        c.line(body, "#2f7a6a", 12)
        hx, hy = body[0]
        c.circle(hx, hy - 4, 12, "#2f7a6a")
    # lower, larger roof cut by the frame
    low = roof_pts(cx, 900, 1100, 180, 120, top_ratio=0.72)
    c.poly([(x, y + 14) for x, y in low], "#3b2a22")
    c.poly(low, "#6a5548")

    def tiles2(d):
        for k in range(-45, 46):
            c.line([(cx + k * 13, 700), (cx + k * 13 * 1.5, 920)], "#574438", 4, d=d)

    c.clipped(low, tiles2)
    c.rect(0, 916, 900, 1200, "#8e2a24")
    for x in range(40, 900, 160):
        c.rect(x, 916, x + 24, 1200, "#b23a30")
    c.rect(0, 916, 900, 936, "#5b1b18")
    # hanging lanterns
    for lx in (250, 690):
        c.line([(lx, 936), (lx, 990)], "#2a1d17", 3)
        c.glow([(lx, 1040, 70, alpha("#ff9a4a", 110))], 26)
        c.rrect(lx - 26, 984, lx + 26, 996, 4, "#d9a441")
        c.ellipse(lx, 1040, 48, 52, "#d23a2c")
        for k in (-24, 0, 24):
            c.line(bezier((lx + k * 0.4, 992), (lx + k * 1.4, 1020), (lx + k * 1.4, 1060), (lx + k * 0.4, 1088), 12), "#a82a20", 2)
        c.rrect(lx - 20, 1084, lx + 20, 1096, 4, "#d9a441")
        c.line([(lx, 1096), (lx, 1140)], "#d9a441", 4)
    # pine branch and drifting mist
    branch = bezier((900, 60), (800, 90), (720, 150), (640, 160), 20)
    c.line(branch, "#3b2d22", 10)
    for i in range(0, 20, 2):
        bx, by = branch[i]
        for k in range(14):
            a = -math.pi / 2 + (k - 7) * 0.22
            c.line([(bx, by), (bx + 46 * math.cos(a), by + 46 * math.sin(a) + 40)], "#2d5a45", 3)
    im, d = c.layer("#f6f1e6")
    for y, x, rx in ((640, 200, 380), (760, 640, 420), (300, 120, 260)):
        c.ellipse(x, y, rx, 40, alpha("#f6f1e6", 150), d=d)
    c.merge(im, 24)
    return c


def mountain_pass(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#9fd3ea"), (0.6, "#e9f1ea"), (1, "#f4efe0")])
    far = ridge(rng, -20, 1100, 360, 60, waves=4)
    fx, fy = far[-1]
    c.poly(far + bezier((fx, fy), (fx + 80, fy + 10), (1200, 460), (1320, 472), 20) + [(1320, 900), (-20, 900)], "#9bc0b0")
    # the sea to the right, with a far headland on the horizon
    sea = [(930, 900), (1040, 474), (1600, 466), (1600, 900)]
    c.gradient((900, 460, 1600, 900), [(0, "#7cc0cf"), (1, "#2c7d95")], mask_pts=sea)
    c.poly(ridge(rng, 1360, 1620, 466, 12, waves=3) + [(1620, 470), (1360, 470)], "#8fb3bf")
    for _ in range(30):
        x, y = rng.uniform(1150, 1600), rng.uniform(500, 880)
        w = 12 + (y - 470) / 12
        c.rrect(x - w, y, x + w, y + 2, 1, alpha("#ffffff", 90))
    mid = ridge(rng, -20, 1000, 470, 70, waves=4)
    mid = [(x, y + (440 - y) * min(1.0, max(0.0, (x - 760) / 240))) for x, y in mid]
    mx, my = mid[-1]
    coast = bezier((mx, my), (1100, my), (1190, 600), (1000, 900), 30)
    c.poly(mid[:-1] + coast + [(-20, 900)], "#5f9a78")
    c.line(coast[8:], "#e9dcb5", 8)
    # a serpentine road up to the pass, narrowing with distance
    road = []
    for i in range(241):
        u = i / 240
        road.append((500 + 380 * u + 230 * (1 - 0.6 * u) * math.sin(2 * math.pi * 3 * u), 900 - 458 * u))
    for colour, extra in (("#e4ddcc", 8), ("#7b7c7a", 0)):
        for i in range(len(road) - 1):
            w = 34 - 20 * i / len(road)
            c.line([road[i], road[i + 1]], colour, w + extra)
    for i in range(0, len(road) - 2, 6):
        c.line([road[i], road[i + 2]], "#f4f1e4", 2)
    # the old gate at the summit
    gx, gy = 910, 444
    c.rect(gx - 40, gy - 60, gx + 40, gy + 4, "#a89a86")
    c.rect(gx - 16, gy - 36, gx + 16, gy + 4, "#4a4038")
    c.ellipse(gx, gy - 36, 16, 14, "#4a4038")
    c.poly(roof_pts(gx, gy - 58, 110, 26, 10), "#6b4c3a")
    near = ridge(rng, -20, 980, 780, 36, waves=3)
    c.poly(near + [(990, 900), (-20, 900)], "#2f6b4f")
    for _ in range(46):
        x = rng.uniform(-10, 960)
        y = rng.uniform(790, 910)
        c.circle(x, y, rng.uniform(14, 30), rng.choice(["#2a5e45", "#367553", "#24543d"]))
    # clouds
    im, d = c.layer("#ffffff")
    for cx, cy, s in ((300, 200, 1.0), (760, 120, 0.8), (1300, 180, 1.2)):
        for dx, dy, r in ((0, 0, 50), (-55, 12, 38), (55, 10, 40), (-20, -25, 36), (30, -20, 34)):
            c.circle(cx + dx * s, cy + dy * s, r * s, alpha("#ffffff", 220), d=d)
    c.merge(im, 2)
    return c


def city_skyline(rng):
    c = Canvas(1600, 900)
    horizon = 640
    c.gradient((0, 0, 1600, horizon), [(0, "#1b2350"), (0.55, "#6a3f7a"), (1, "#f19a6b")])
    c.glow([(1200, horizon - 40, 200, alpha("#ffb27a", 150))], 60)
    for x in range(-20, 1620, 46):
        h = rng.uniform(80, 260)
        c.rect(x, horizon - h, x + 44, horizon, "#4d3a6c")
    # signature tower
    tx = 980
    tower = [(tx - 46, horizon), (tx - 30, horizon - 420), (tx, horizon - 470), (tx + 30, horizon - 420), (tx + 46, horizon)]
    c.poly(tower, "#2a2248")
    c.line([(tx, horizon - 470), (tx, horizon - 540)], "#2a2248", 4)
    c.circle(tx, horizon - 540, 4, "#ff6b6b")
    c.ellipse(tx + 36, horizon - 300, 40, 8, "#2a2248")
    lit = []
    x = -10
    while x < 1620:
        w = rng.uniform(60, 130)
        h = rng.uniform(120, 340)
        if abs(x + w / 2 - tx) < 100:
            h = min(h, 180)
        c.rect(x, horizon - h, x + w, horizon, "#231d3d")
        for wy in range(int(horizon - h + 14), horizon - 10, 18):
            for wx in range(int(x + 8), int(x + w - 10), 14):
                if rng.random() < 0.33:
                    c.rect(wx, wy, wx + 7, wy + 9, "#ffd58a")
                    lit.append((wx, wy))
        x += w + rng.uniform(4, 16)
    for wy in range(horizon - 420, horizon - 10, 22):
        for k in (-1, 0, 1):
            if rng.random() < 0.6:
                c.rect(tx + k * 14 - 4, wy, tx + k * 14 + 4, wy + 10, "#ffe2a8")
    # river and reflections
    c.gradient((0, horizon, 1600, 900), [(0, "#3a2b5e"), (1, "#100c24")])
    im, d = c.layer()
    for wx, wy in lit:
        if rng.random() < 0.5:
            ry = horizon + (horizon - wy) * 0.6
            c.rect(wx, ry, wx + 6, ry + rng.uniform(8, 24), alpha("#ffd58a", 120), d=d)
    c.merge(im, 2.5)
    # cable-stayed bridge
    c.rect(1150, horizon + 40, 1600, horizon + 52, "#1a1533")
    px = 1380
    c.poly([(px - 10, horizon + 52), (px - 4, horizon - 180), (px + 4, horizon - 180), (px + 10, horizon + 52)], "#1a1533")
    for k in range(1, 9):
        c.line([(px, horizon - 170 + k * 8), (px - k * 28, horizon + 42)], alpha("#e8d8ff", 150), 2)
        c.line([(px, horizon - 170 + k * 8), (px + k * 28, horizon + 42)], alpha("#e8d8ff", 150), 2)
    c.glow([(x, horizon + 40, 6, alpha("#fff1c0", 255)) for x in range(1160, 1600, 40)], 4)
    # small boats
    for bx, by, s in ((300, 760, 1.0), (640, 820, 1.3)):
        c.poly([(bx - 60 * s, by), (bx + 60 * s, by), (bx + 45 * s, by + 16 * s), (bx - 50 * s, by + 16 * s)], "#0b0918")
        c.rect(bx - 30 * s, by - 18 * s, bx + 20 * s, by, "#0b0918")
        c.glow([(bx - 20 * s + k * 14 * s, by - 10 * s, 4 * s, alpha("#ffcf7a", 255)) for k in range(4)], 3)
    return c


def conical_hats(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#f3dcae"), (1, "#e2b774")])
    c.glow([(300, 180, 280, alpha("#fff4d8", 160))], 80)
    c.rect(0, 140, 1600, 156, "#7a5a3a")
    ribbon_cols = ["#d94f70", "#6a4fb3", "#2f8fb3", "#e0843a", "#3f9a6a"]

    def hat_side(x, y, w, h, tilt=0.0):
        apex = (x + tilt, y)
        left, right = (x - w / 2, y + h), (x + w / 2, y + h)
        c.poly([apex, left, right], "#e9d6a3")
        c.poly([apex, (x + tilt * 0.3, y + h), right], "#cfb57c")
        for k in range(1, 8):
            t = k / 8
            c.line([(apex[0] + (left[0] - apex[0]) * t, apex[1] + (left[1] - apex[1]) * t),
                    (apex[0] + (right[0] - apex[0]) * t, apex[1] + (right[1] - apex[1]) * t)], "#b89a5e", 2)
        c.ellipse(x, y + h, w / 2, h * 0.09, "#b89a5e")
        c.ellipse(x, y + h - 2, w / 2 - 4, h * 0.07, "#efdfb4")

    # hats hanging from the rail, each with its ribbon
    for i, x in enumerate(range(140, 1600, 220)):
        col = ribbon_cols[i % len(ribbon_cols)]
        c.line([(x, 150), (x, 190)], "#7a5a3a", 3)
        y = 190 + (i % 2) * 30
        hat_side(x, y, 200, 120, tilt=rng.uniform(-8, 8))
        c.line(bezier((x - 70, y + 122), (x - 60, y + 230), (x + 60, y + 230), (x + 70, y + 122), 20), col, 5)
    # a stack of hats seen from above, lower right; a row of hats seen from the side, lower left
    for k, (hx, hy, r) in enumerate(((1180, 690, 190), (1420, 760, 160), (1000, 800, 130))):
        c.circle(hx + 10, hy + 14, r, alpha("#8a6a3a", 110))
        c.circle(hx, hy, r, "#ead7a4")
        for j in range(1, 16):
            c.circle(hx, hy, r * j / 16, None, outline="#c7ab72", width=2)
        for j in range(16):
            a = j * math.pi / 8
            c.line([(hx, hy), (hx + r * math.cos(a), hy + r * math.sin(a))], "#d8c08a", 2)
        c.circle(hx, hy, 10, "#c7ab72")
    for i, x in enumerate((160, 400, 640)):
        hat_side(x, 560 + i * 20, 260, 150)
    c.rect(0, 860, 1600, 900, "#a47a48")
    return c


def wild_sunflowers(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#79b7e0"), (0.55, "#dcecf0"), (1, "#f3eedc")])
    im, d = c.layer("#ffffff")
    for cx, cy, s in ((260, 150, 1.1), (900, 90, 0.8), (1380, 170, 1.0)):
        for dx, dy, r in ((0, 0, 50), (-60, 12, 38), (60, 10, 40), (-20, -25, 36), (30, -22, 34)):
            c.circle(cx + dx * s, cy + dy * s, r * s, alpha("#ffffff", 235), d=d)
    c.merge(im, 2)
    far = ridge(rng, -20, 1620, 420, 40, waves=4)
    c.poly(far + [(1620, 900), (-20, 900)], "#9ab7a6")
    im, d = c.layer("#ffffff")
    c.rect(0, 420, 1600, 470, alpha("#ffffff", 120), d=d)
    c.merge(im, 18)
    mid = ridge(rng, -20, 1620, 540, 50, waves=3)
    c.poly(mid + [(1620, 900), (-20, 900)], "#6f9c70")

    def pine(x, base, h):
        c.rect(x - h * 0.02, base - h, x + h * 0.02, base, "#4a3a2a")
        for k in range(5):
            y = base - h + k * h * 0.17
            w = h * (0.1 + k * 0.06)
            c.poly([(x, y - h * 0.05), (x - w, y + h * 0.2), (x + w, y + h * 0.2)], mix("#23503a", "#2f6a48", k / 5))

    for _ in range(24):
        i = rng.randrange(len(mid))
        x, y = mid[i]
        pine(x, y + 20, rng.uniform(110, 200))
    near = ridge(rng, -20, 1620, 690, 40, waves=3)
    c.poly(near + [(1620, 900), (-20, 900)], "#4f7f4a")

    def flower(x, y, r):
        for k in range(12):
            a = k * math.pi / 6 + r
            c.poly(leaf_pts(x, y, r, r * 0.45, a, bulge=0.7), "#f6c419")
        c.circle(x, y, r * 0.38, "#c07a1a")
        c.circle(x, y, r * 0.2, "#8a4f12")

    # bushes of flowers in depth order
    for _ in range(55):
        x = rng.uniform(-20, 1620)
        i = min(len(mid) - 1, max(0, int((x + 20) / 8)))
        y = mid[i][1] + rng.uniform(20, 110)
        c.circle(x, y, rng.uniform(10, 18), "#3f6e3c")
        for _ in range(3):
            c.circle(x + rng.uniform(-14, 14), y + rng.uniform(-10, 4), rng.uniform(5, 8), "#f6c419")
    for _ in range(70):
        x = rng.uniform(-40, 1640)
        y = rng.uniform(700, 930)
        s = (y - 650) / 280
        for _ in range(3):
            c.poly(leaf_pts(x, y + 10, 60 * s, 26 * s, rng.uniform(-2.8, -0.3)), "#3b6d37")
        flower(x + rng.uniform(-10, 10), y - 10 * s, rng.uniform(18, 26) * s + 4)
    return c


def paris_evening(rng):
    c = Canvas(1600, 900)
    horizon = 540
    c.gradient((0, 0, 1600, horizon), [(0, "#22305e"), (0.6, "#7a5a8a"), (1, "#f0a272")])
    # far bank: apartment blocks with mansard roofs
    x = -20
    windows = []
    while x < 1620:
        w = rng.uniform(120, 200)
        h = rng.uniform(130, 180)
        top = horizon - 60 - h
        c.rect(x, top, x + w, horizon - 40, "#b6a2b4")
        c.poly([(x - 4, top), (x + 12, top - 40), (x + w - 12, top - 40), (x + w + 4, top)], "#5b5a7a")
        for cx in (x + 30, x + w - 40):
            c.rect(cx, top - 58, cx + 14, top - 36, "#5b5a7a")
        for wy in range(int(top + 16), int(horizon - 60), 30):
            for wx in range(int(x + 14), int(x + w - 18), 26):
                lit = rng.random() < 0.35
                c.rect(wx, wy, wx + 12, wy + 18, "#ffd28a" if lit else "#8a7890")
                if lit:
                    windows.append((wx, wy))
        x += w + 4
    for _ in range(14):
        tx = rng.uniform(0, 1600)
        c.circle(tx, horizon - 48, rng.uniform(26, 40), "#3e3a5a")
    c.rect(0, horizon - 40, 1600, horizon + 10, "#8a7c86")
    c.rect(0, horizon - 40, 1600, horizon - 32, "#a3949c")
    # river
    c.gradient((0, horizon + 10, 1600, 900), [(0, "#6c5a84"), (1, "#1f2446")])
    im, d = c.layer()
    for wx, wy in windows:
        if rng.random() < 0.5:
            ry = horizon + 20 + (horizon - wy) * 0.5
            c.rect(wx, ry, wx + 10, ry + rng.uniform(10, 30), alpha("#ffd28a", 110), d=d)
    c.merge(im, 3)
    # stone bridge
    by = horizon + 40
    c.rect(-20, by - 40, 1620, by + 20, "#9d8b8a")
    c.rect(-20, by - 48, 1620, by - 38, "#b5a3a0")
    for ax in range(60, 1600, 300):
        c.ellipse(ax + 90, by + 40, 120, 70, "#2c2a4a")
        c.rect(ax - 30, by + 40, ax + 210, by + 120, "#2c2a4a")
    c.rect(-20, by + 20, 1620, by + 120, alpha("#2c2a4a", 255))
    for ax in range(60, 1600, 300):
        c.rect(ax + 200, by - 40, ax + 280, by + 120, "#8d7b7a")
    c.gradient((0, by + 120, 1600, 900), [(0, "#2f3058"), (1, "#151833")])
    # string of lanterns across the top, and their light on the water
    pts = [(x, 60 + 90 * math.cosh((x - 800) / 900) - 90) for x in range(-40, 1660, 20)]
    c.line(pts, "#2a1d2a", 3)
    lanterns = [pts[i] for i in range(2, len(pts), 5)]
    c.glow([(x, y + 40, 46, alpha("#ffb25a", 150)) for x, y in lanterns], 18)
    for i, (x, y) in enumerate(lanterns):
        col = "#d8362c" if i % 2 == 0 else "#f2b531"
        c.line([(x, y), (x, y + 14)], "#2a1d2a", 2)
        c.rrect(x - 10, y + 12, x + 10, y + 18, 2, "#3a2a1a")
        c.ellipse(x, y + 40, 24, 26, col)
        c.ellipse(x - 6, y + 34, 6, 12, alpha("#ffffff", 80))
        c.rrect(x - 9, y + 62, x + 9, y + 68, 2, "#3a2a1a")
        c.line([(x, y + 68), (x, y + 86)], col, 2)
    im, d = c.layer()
    for x, y in lanterns[::2]:
        c.rect(x - 5, 720, x + 5, 860, alpha("#ffb25a", 70), d=d)
    c.merge(im, 6)
    return c


def pho_bowl(rng):
    c = Canvas(1600, 900)
    c.rect(0, 0, 1600, 900, "#8a5a36")
    for i, y in enumerate(range(0, 900, 150)):
        c.gradient((0, y, 1600, y + 150), [(0, "#936140"), (1, "#7c4f2e")] if i % 2 else [(0, "#87583a"), (1, "#754a2c")])
        c.rect(0, y, 1600, y + 3, "#5e3a20")
    cx, cy = 620, 460
    c.circle(cx + 16, cy + 22, 360, alpha("#2a170a", 130))
    c.circle(cx, cy, 355, "#f5f2ea")
    c.circle(cx, cy, 330, "#2d5da1")
    c.circle(cx, cy, 318, "#f5f2ea")
    for k in range(36):
        a = k * math.pi / 18
        c.circle(cx + 342 * math.cos(a), cy + 342 * math.sin(a), 6, "#2d5da1")
    c.radial(cx, cy, 300, [(0, "#e9b86a"), (0.8, "#cf8f40"), (1, "#a86a2a")], steps=50)

    def inside(d):
        for _ in range(36):
            y0 = rng.uniform(cy - 240, cy + 240)
            x0 = rng.uniform(cx - 260, cx + 40)
            pts = [(x0 + i * 12, y0 + 10 * math.sin(i / 2.2 + y0)) for i in range(22)]
            c.line(pts, "#f7f0df", 7, d=d)
        for _ in range(9):
            x, y = rng.uniform(cx - 170, cx + 200), rng.uniform(cy - 200, cy + 190)
            pts = ellipse_pts(x, y, 62, 40, rng.uniform(0, math.pi), n=20)
            pts = [(px + rng.uniform(-5, 5), py + rng.uniform(-5, 5)) for px, py in pts]
            c.poly(pts, "#9c5a46", d=d)
            c.poly([(px * 0.8 + x * 0.2, py * 0.8 + y * 0.2) for px, py in pts], "#b97561", d=d)
        for _ in range(60):
            x, y = rng.uniform(cx - 260, cx + 260), rng.uniform(cy - 260, cy + 260)
            c.circle(x, y, 9, None, d=d, outline=rng.choice(["#4f9a3c", "#6bb34f", "#e9f0d6"]), width=4)
        for _ in range(10):
            x, y = rng.uniform(cx - 200, cx + 200), rng.uniform(cy - 200, cy + 200)
            c.poly(leaf_pts(x, y, 70, 34, rng.uniform(0, 2 * math.pi)), "#2f7d3a", d=d)
        for _ in range(7):
            x, y = rng.uniform(cx - 160, cx + 160), rng.uniform(cy - 160, cy + 160)
            c.circle(x, y, 12, None, d=d, outline="#d4271f", width=5)
            c.circle(x, y, 4, "#f3d38a", d=d)

    c.clipped(ellipse_pts(cx, cy, 300, 300, n=90), inside)
    # side plate with lime, chilli, bean sprouts and herbs
    px, py = 1260, 640
    c.circle(px + 10, py + 14, 220, alpha("#2a170a", 120))
    c.circle(px, py, 215, "#f5f2ea")
    c.circle(px, py, 190, "#ebe5d8")
    for k in range(3):
        a = -0.4 + k * 0.7
        lx, ly = px + 90 * math.cos(a), py + 90 * math.sin(a)
        c.poly(rotate([(60 * math.cos(t * math.pi / 20), 60 * math.sin(t * math.pi / 20)) for t in range(21)], lx, ly, a), "#7bbf3a")
        c.poly(rotate([(50 * math.cos(t * math.pi / 20), 50 * math.sin(t * math.pi / 20)) for t in range(21)], lx, ly, a), "#cfe98a")
    for _ in range(30):
        x, y = px - 60 + rng.uniform(-80, 40), py - 40 + rng.uniform(-90, 90)
        a = rng.uniform(0, math.pi)
        c.line([(x, y), (x + 60 * math.cos(a), y + 60 * math.sin(a))], "#e3d7a8", 5)
        c.circle(x, y, 4, "#e0c25a")
    for _ in range(8):
        c.poly(leaf_pts(px - 120 + rng.uniform(-20, 60), py + 60 + rng.uniform(-30, 60), 80, 38, rng.uniform(-3, 0)), "#2f7d3a")
    for k in range(5):
        chx, chy = px + rng.uniform(10, 120), py - rng.uniform(90, 150)
        c.circle(chx, chy, 12, None, outline="#d4271f", width=6)
        c.circle(chx, chy, 4, "#f3d38a")
    # chopsticks and spoon
    for off in (0, 34):
        c.line([(1060, 60 + off), (1580, 300 + off)], "#3b2414", 16)
        c.line([(1060, 60 + off), (1160, 106 + off)], "#b33a2a", 16)
    c.poly(ellipse_pts(1000, 160, 70, 48, 0.5), "#f5f2ea")
    c.line([(1055, 195), (1180, 270)], "#f5f2ea", 26)
    c.poly(ellipse_pts(1000, 160, 52, 32, 0.5), "#e7d9bd")
    return c


def market(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#f6e6c8"), (1, "#e8cda0")])
    c.rect(0, 600, 1600, 900, "#c79a66")
    for x in range(0, 1600, 80):
        c.line([(x, 600), (x - 60, 900)], alpha("#a87c4c", 140), 2)
    stalls = [(20, 520, ("#c0392b", "#f6eedd")), (560, 1060, ("#2f7d5a", "#f6eedd")), (1100, 1600, ("#d9822b", "#f6eedd"))]
    for x0, x1, (a, b) in stalls:
        c.rect(x0 + 20, 110, x0 + 34, 600, "#6b4a2c")
        c.rect(x1 - 34, 110, x1 - 20, 600, "#6b4a2c")
        n = 8
        w = (x1 - x0) / n
        for k in range(n):
            col = a if k % 2 == 0 else b
            c.poly([(x0 + k * w + 10, 80), (x0 + (k + 1) * w - 10, 80), (x0 + (k + 1) * w, 200), (x0 + k * w, 200)], col)
            c.circle(x0 + k * w + w / 2, 200, w / 2, col)
        c.rect(x0 + 10, 70, x1 - 10, 84, "#6b4a2c")
        c.rect(x0 + 34, 330, x1 - 34, 342, "#8a5f38")
        jx = x0 + 50
        while jx < x1 - 80:
            jw = rng.uniform(34, 48)
            jh = rng.uniform(50, 80)
            jc = rng.choice(["#6a3e22", "#c0392b", "#e0a43a", "#3f8f5a", "#f2e6c8", "#2e2620"])
            c.rrect(jx, 330 - jh, jx + jw, 330, 8, jc)
            c.rect(jx + 4, 330 - jh - 8, jx + jw - 4, 330 - jh + 4, "#8a5f38")
            c.rect(jx + 6, 330 - jh * 0.6, jx + jw - 6, 330 - jh * 0.3, "#f6eedd")
            jx += jw + rng.uniform(8, 18)
        c.rect(x0 + 10, 470, x1 - 10, 600, "#8a5f38")
        c.rect(x0 + 10, 460, x1 - 10, 476, "#a8794a")

    def basket(x, y, rx, fill_fn):
        c.ellipse(x, y + 40, rx, 30, alpha("#5a3a1c", 110))
        c.poly([(x - rx, y), (x + rx, y), (x + rx * 0.8, y + 60), (x - rx * 0.8, y + 60)], "#b78a4a")
        for k in range(1, 4):
            c.line([(x - rx + rx * 0.07 * k, y + 15 * k), (x + rx - rx * 0.07 * k, y + 15 * k)], "#8e6634", 3)
        c.ellipse(x, y, rx, rx * 0.32, "#a37a40")
        c.clipped(ellipse_pts(x, y, rx - 8, rx * 0.32 - 6), fill_fn(x, y, rx))

    def beans(col_list, size):
        def make(x, y, rx):
            def paint(d):
                c.ellipse(x, y, rx, rx * 0.35, col_list[0], d=d)
                for _ in range(int(rx * 1.6)):
                    bx = x + rng.uniform(-rx, rx)
                    by = y + rng.uniform(-rx * 0.3, rx * 0.3)
                    c.poly(ellipse_pts(bx, by, size, size * 0.7, rng.uniform(0, 3)), rng.choice(col_list), d=d)
            return paint
        return make

    def sticks(x, y, rx):
        def paint(d):
            c.ellipse(x, y, rx, rx * 0.35, "#6a3a1c", d=d)
            for k in range(-5, 6):
                c.rrect(x - rx, y + k * 8 - 5, x + rx, y + k * 8 + 5, 5, rng.choice(["#9a5a2a", "#b06a32", "#8a4e22"]), d=d)
        return paint

    goods = [
        (130, 420, 90, beans(["#4a2b19", "#5b341e", "#3d2314"], 9)),
        (370, 430, 100, beans(["#1f1a17", "#2e2620", "#3b312a"], 5)),
        (680, 420, 95, beans(["#e8d3a8", "#f0dfba", "#d9bf8e"], 10)),
        (930, 430, 100, beans(["#c0392b", "#a82d22", "#d9482f"], 7)),
        (1230, 420, 90, sticks),
        (1470, 430, 100, beans(["#7a9a3a", "#8aac46", "#6a8a30"], 6)),
    ]
    for x, y, rx, fn in goods:
        basket(x, y, rx, fn)
    # jute sacks in front, tops rolled down
    for x, col in ((230, "#4a2b19"), (800, "#2e2620"), (1370, "#c0392b")):
        left = bezier((x - 105, 680), (x - 150, 740), (x - 150, 840), (x - 120, 880), 20)
        right = bezier((x + 120, 880), (x + 150, 840), (x + 150, 740), (x + 105, 680), 20)
        sack = left + right
        c.poly([(px + 10, py + 10) for px, py in sack], alpha("#5a3a1c", 110))
        c.poly(sack, "#c9a66b")
        for k in range(-3, 4):
            c.line(bezier((x + k * 26, 700), (x + k * 34, 760), (x + k * 34, 820), (x + k * 30, 876), 12), "#b08e56", 2)
        c.rrect(x - 122, 660, x + 122, 708, 22, "#d8b97f")
        c.rrect(x - 122, 694, x + 122, 708, 8, "#bf9c62")
        c.ellipse(x, 666, 104, 20, "#8e6c3c")

        def paint(d, x=x, col=col):
            c.ellipse(x, 666, 100, 18, mix(col, "#000000", 0.25), d=d)
            for _ in range(90):
                c.circle(x + rng.uniform(-96, 96), 666 + rng.uniform(-16, 16), 7, rng.choice([col, mix(col, "#000000", 0.2), mix(col, "#ffffff", 0.15)]), d=d)

        c.clipped(ellipse_pts(x, 666, 98, 17), paint)
        c.rrect(x + 60, 612, x + 78, 672, 6, "#a37a40")
        c.ellipse(x + 69, 672, 30, 12, "#b78a4a")
    return c


def lacquer_lotus(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 900), [(0, "#0d0b0a"), (0.7, "#160d0b"), (1, "#2a0f0c")])
    # gold leaf laid in small, slightly skewed squares that thin out towards the left
    im, d = c.layer()
    for gx in range(900, 1640, 34):
        for gy in range(-20, 420, 34):
            dist = math.hypot(1600 - gx, gy) / 760
            if rng.random() < 1.1 - dist:
                sq = rotate([(-16, -16), (16, -16), (16, 16), (-16, 16)], gx, gy, rng.uniform(-0.08, 0.08))
                c.poly(sq, alpha(rng.choice(["#c8963e", "#d9a94a", "#b8863a"]), rng.randint(90, 140)), d=d)
    c.merge(im, 0.8)
    # eggshell moon: a crackled disc
    mx, my, mr = 300, 210, 130
    c.circle(mx, my, mr + 6, "#2a1f18")

    def shell(d):
        for _ in range(520):
            a = rng.uniform(0, 2 * math.pi)
            r = (mr + 10) * math.sqrt(rng.random())
            x, y = mx + r * math.cos(a), my + r * math.sin(a)
            pts = ellipse_pts(x, y, rng.uniform(7, 11), rng.uniform(6, 9), rng.uniform(0, 3), n=rng.choice([5, 6]))
            c.poly(pts, rng.choice(["#efe6d2", "#e6dbc2", "#f6efe0", "#ded0b2"]), d=d)

    c.clipped(ellipse_pts(mx, my, mr, mr, n=80), shell)
    # water lines
    for k in range(9):
        y = 560 + k * 38
        pts = [(x, y + 6 * math.sin(x / 60 + k)) for x in range(0, 1620, 20)]
        c.line(pts, alpha("#b8893a", 120), 2)
    # stems
    blooms = [(560, 420, 1.0), (900, 330, 0.8), (1220, 440, 0.9)]
    for bx, by, s in blooms:
        c.line(bezier((bx, by + 40), (bx + 30, by + 200), (bx - 40, by + 320), (bx + 10, 900), 30), "#8a6a2a", 7)
    c.line(bezier((420, 520), (440, 640), (400, 760), (430, 900), 30), "#8a6a2a", 6)
    # lotus leaves
    for x, y, r, ang in ((260, 690, 230, 0.2), (760, 760, 190, -0.3), (1350, 700, 250, 0.1), (1080, 560, 120, 0.4)):
        pts = ellipse_pts(x, y, r, r * 0.42, ang, n=60)
        c.poly(pts, "#2f3a20")
        c.poly(ellipse_pts(x, y - 4, r * 0.92, r * 0.36, ang, n=60), "#445127")
        for k in range(14):
            a = k * math.pi / 7
            ex, ey = r * 0.9 * math.cos(a), r * 0.34 * math.sin(a)
            c.line(rotate([(0, 0), (ex, ey)], x, y - 4, ang), "#b8893a", 2)
        c.circle(x, y - 4, 8, "#b8893a")
    # lotus blooms: vermilion petals edged in gold
    for bx, by, s in blooms:
        for a, ln, wd in ((-2.6, 150, 90), (-0.55, 150, 90), (-2.1, 170, 100), (-1.05, 170, 100), (-1.57, 180, 110)):
            pts = leaf_pts(bx, by + 40 * s, ln * s, wd * s, a, bulge=0.7)
            c.poly([(x + 3, y + 3) for x, y in pts], "#d9a441")
            c.poly(pts, "#c0392b")
            inner = leaf_pts(bx, by + 40 * s, ln * s * 0.75, wd * s * 0.5, a, bulge=0.7)
            c.poly(inner, "#e5846e")
        c.ellipse(bx, by + 18 * s, 26 * s, 12 * s, "#d9a441")
    # a closed bud
    c.poly(leaf_pts(425, 520, 110, 60, -1.45, bulge=0.9), "#c0392b")
    c.poly(leaf_pts(425, 520, 80, 30, -1.45, bulge=0.9), "#e5846e")
    return c


def terraced_fields(rng):
    c = Canvas(1600, 900)
    c.gradient((0, 0, 1600, 500), [(0, "#bcdbe4"), (1, "#f5ecd2")])
    for base, col, amp in ((300, "#9fb4c2", 70), (360, "#809cae", 60), (420, "#6a8a88", 50)):
        pts = ridge(rng, -20, 1620, base, amp, waves=4)
        c.poly(pts + [(1620, 900), (-20, 900)], col)
        im, d = c.layer("#ffffff")
        c.rect(0, base + 10, 1600, base + 60, alpha("#ffffff", 90), d=d)
        c.merge(im, 20)
    # terraces: bands following the hill's contour
    golds = ["#e6b93c", "#dcaa2e", "#e9c552", "#d49f2a", "#c9a234", "#b9ab3a"]
    phase = rng.uniform(0, 6)
    prev = None
    for k in range(24):
        y0 = 440 + k * k * 0.55 + k * 12
        pts = []
        for x in range(-20, 1640, 20):
            u = x / 1600
            y = y0 + 70 * math.sin(u * 4.2 + phase + k * 0.05) * (0.5 + k / 40) + 40 * math.sin(u * 9 + k * 0.3)
            pts.append((x, y))
        if prev is not None:
            c.poly(prev + pts[::-1], golds[k % len(golds)])
            c.line(prev, "#8a6a24", 3)
        prev = pts
    c.poly(prev + [(1640, 900), (-20, 900)], golds[0])
    # a stilt house and a few trees
    hx, hy = 1180, 520
    for px in (hx - 60, hx - 20, hx + 20, hx + 60):
        c.rect(px - 4, hy, px + 4, hy + 50, "#4a3222")
    c.rect(hx - 80, hy - 50, hx + 80, hy, "#7a5230")
    c.rect(hx - 20, hy - 36, hx + 20, hy - 10, "#3a2516")
    c.poly([(hx - 110, hy - 44), (hx - 40, hy - 120), (hx + 40, hy - 120), (hx + 110, hy - 44)], "#5a4a3a")
    for tx, ty, r in ((1330, 500, 40), (1380, 520, 30), (330, 470, 36), (380, 490, 26)):
        c.rect(tx - 4, ty, tx + 4, ty + 40, "#3a2a1a")
        c.circle(tx, ty - 10, r, "#3d6a3a")
    return c


SCENES = {
    "hue-citadel": hue_citadel,
    "conference-hall": conference_hall,
    "ceramic-vase": ceramic_vase,
    "paper-flowers": paper_flowers,
    "ha-long-bay": ha_long_bay,
    "coffee-beans": coffee_beans,
    "silk-weaving": silk_weaving,
    "bronze-drum": bronze_drum,
    "river-lanterns": river_lanterns,
    "pagoda-roof": pagoda_roof,
    "mountain-pass": mountain_pass,
    "city-skyline": city_skyline,
    "conical-hats": conical_hats,
    "wild-sunflowers": wild_sunflowers,
    "paris-evening": paris_evening,
    "pho-bowl": pho_bowl,
    "market": market,
    "lacquer-lotus": lacquer_lotus,
    "terraced-fields": terraced_fields,
}


def main(argv):
    keys = argv or list(SCENES)
    for key in keys:
        canvas = SCENES[key](random.Random("herald-sample-" + key))
        path = canvas.save(key)
        print(f"{key}: {canvas.w}x{canvas.h}, {os.path.getsize(path) // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
