"""Placeholder photographs for the demo catalog, drawn with Pillow at seed time.

Each picture is a soft two-tone gradient in a palette drawn from the product's craft, a simple
motif that suggests the craft (woven stripes, a vessel's silhouette, coffee beans…) and the
product's short name. They are meant to read as considered illustrations, not as photographs,
so their alt texts say "(illustration)". Drawing stays cheap: one gradient resize, a handful of
shapes and one JPEG encode per picture.
"""
import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

COVER_SIZE = (1200, 900)

# (background top, background bottom, motif colour, accent) for each palette.
PALETTES: dict[str, tuple[tuple[int, int, int], ...]] = {
    "indigo": ((34, 44, 92), (74, 96, 150), (214, 222, 240), (226, 180, 96)),
    "silk": ((92, 32, 64), (170, 84, 96), (246, 214, 170), (240, 196, 110)),
    "linen": ((58, 66, 96), (196, 188, 168), (242, 236, 222), (40, 52, 96)),
    "batik": ((78, 52, 30), (186, 142, 84), (248, 232, 200), (52, 36, 24)),
    "celadon": ((120, 156, 140), (214, 226, 210), (52, 84, 80), (246, 244, 236)),
    "cobalt": ((226, 232, 238), (150, 172, 204), (30, 64, 140), (250, 250, 252)),
    "terracotta": ((150, 70, 42), (222, 152, 104), (252, 232, 210), (96, 44, 28)),
    "coffee": ((48, 30, 22), (142, 96, 62), (230, 200, 160), (196, 120, 70)),
    "tea": ((40, 78, 52), (150, 184, 110), (236, 244, 214), (26, 56, 38)),
    "amber": ((70, 44, 20), (206, 150, 70), (252, 236, 196), (120, 70, 28)),
    "citrus": ((64, 110, 48), (222, 206, 90), (252, 250, 226), (70, 100, 40)),
    "plum": ((96, 30, 52), (222, 138, 140), (252, 228, 226), (70, 110, 60)),
    "spice": ((120, 30, 24), (226, 120, 60), (252, 224, 180), (60, 24, 18)),
    "bamboo": ((96, 110, 54), (222, 200, 140), (250, 240, 206), (80, 70, 40)),
    "paper": ((236, 224, 196), (200, 72, 52), (40, 36, 32), (252, 246, 232)),
    "wood": ((70, 40, 24), (168, 118, 76), (240, 220, 190), (44, 26, 16)),
    "dusk": ((42, 56, 90), (232, 160, 120), (252, 236, 214), (34, 42, 70)),
    "forest": ((30, 60, 56), (120, 170, 150), (236, 246, 236), (22, 44, 40)),
}

MOTIFS = (
    "stripes", "ikat", "batik", "vessel", "bowl", "beans", "leaves", "bottle", "fruit", "peppercorns",
    "weave", "painting", "umbrella", "rings", "figure", "hills",
)


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A clean sans serif: DejaVu when the system has it, Pillow's own font otherwise."""
    if bold:
        names = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")
    else:
        names = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=64)
def _gradient(size: tuple[int, int], top: tuple, bottom: tuple, diagonal: bool) -> Image.Image:
    """A soft two-tone wash: a 16×12 sketch of the blend, enlarged bilinearly (cheap and smooth)."""
    cols, rows = 16, 12
    seed = Image.new("RGB", (cols, rows))
    seed.putdata([
        _mix(top, bottom, ((x / (cols - 1) + y / (rows - 1)) / 2) if diagonal else y / (rows - 1))
        for y in range(rows) for x in range(cols)
    ])
    return seed.resize(size, Image.Resampling.BILINEAR)


def _mix(a: tuple, b: tuple, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


# --- motifs: each draws inside the box (x0, y0, x1, y1) -----------------------------------------

def _stripes(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    width = x1 - x0
    bands = [0.10, 0.04, 0.16, 0.04, 0.08, 0.02, 0.12, 0.04, 0.10, 0.04, 0.14, 0.06]
    x = x0
    for i, share in enumerate(bands):
        w = share * width
        colour = (ink, accent, _mix(ink, bg, 0.5))[i % 3]
        draw.rectangle((x, y0, x + w * 0.86, y1), fill=colour)
        x += w
    for y in range(y0, y1, 36):  # weft threads crossing the warp
        draw.line((x0, y, x1, y), fill=_mix(bg, ink, 0.25), width=3)


def _ikat(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    step = 90
    for row, cy in enumerate(range(y0 + step // 2, y1, step)):
        for cx in range(x0 + (step // 2 if row % 2 else step), x1, step):
            r = step * 0.42
            draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=ink)
            inner = r * 0.45
            draw.polygon([(cx, cy - inner), (cx + inner, cy), (cx, cy + inner), (cx - inner, cy)], fill=accent)
            # the slightly blurred edge of tie-dyed thread
            draw.line((cx - r - 6, cy, cx - r + 6, cy), fill=_mix(ink, bg, 0.5), width=4)


def _batik(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    spacing = 70
    for offset in range(-(y1 - y0), x1 - x0, spacing):  # parang: diagonal bands
        draw.line((x0 + offset, y1, x0 + offset + (y1 - y0), y0), fill=ink, width=16)
        draw.line((x0 + offset + 24, y1, x0 + offset + 24 + (y1 - y0), y0), fill=accent, width=4)
    for cy in range(y0 + 30, y1, 60):  # isen-isen: the fine dots drawn with the canting
        for cx in range(x0 + 30 + (cy // 60 % 2) * 30, x1, 60):
            draw.ellipse((cx - 4, cy - 4, cx + 4, cy + 4), fill=_mix(ink, bg, 0.35))


def _smooth(points: list[tuple[float, float]], steps: int = 8) -> list[tuple[float, float]]:
    """A Catmull-Rom curve through ``points``, so silhouettes read as thrown, not cut."""
    padded = [points[0], *points, points[-1]]
    curve = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1: i + 3]
        for k in range(steps):
            t = k / steps
            curve.append(tuple(
                0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t * t + (3 * b - a - 3 * c + d) * t ** 3)
                for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
            ))
    return [*curve, points[-1]]


def _vessel(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    cx = (x0 + x1) / 2
    h = y1 - y0
    w = (x1 - x0) * 0.5
    # rings of the wheel, behind the pot
    biggest = int(min(x1 - x0, h) / 2) - 4
    for i, r in enumerate(range(biggest, int(biggest * 0.3), -max(1, int(biggest * 0.12)))):
        draw.ellipse((cx - r, y0 + h / 2 - r, cx + r, y0 + h / 2 + r), outline=_mix(bg, ink, 0.15 + i * 0.04), width=3)
    # half-profile of a baluster jar: (radius, height) from lip to foot
    profile = _smooth([(0.20, 0.0), (0.15, 0.10), (0.26, 0.24), (0.44, 0.46), (0.40, 0.70), (0.27, 0.90),
                       (0.25, 1.0)])
    top, tall = y0 + h * 0.08, h * 0.84
    left = [(cx - r * w * 2, top + q * tall) for r, q in profile]
    right = [(cx + r * w * 2, top + q * tall) for r, q in reversed(profile)]
    draw.polygon(left + right, fill=ink)
    for r, q in profile:  # a painted band where the shoulder turns
        if 0.36 <= q <= 0.40:
            draw.line((cx - r * w * 2 + 6, top + q * tall, cx + r * w * 2 - 6, top + q * tall), fill=accent, width=10)
    draw.ellipse((cx - w * 0.4, top - h * 0.025, cx + w * 0.4, top + h * 0.025), fill=_mix(ink, bg, 0.4))


def _bowl(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    cx, h, w = (x0 + x1) / 2, y1 - y0, x1 - x0
    rim_y = y0 + h * 0.42
    draw.line((x0, y1 - h * 0.02, x1, y1 - h * 0.02), fill=_mix(bg, ink, 0.3), width=4)  # the table
    draw.chord((cx - w * 0.46, rim_y - h * 0.34, cx + w * 0.46, rim_y + h * 0.34), start=0, end=180, fill=ink)
    draw.rectangle((cx - w * 0.12, rim_y + h * 0.32, cx + w * 0.12, rim_y + h * 0.38), fill=ink)
    draw.ellipse((cx - w * 0.46, rim_y - h * 0.06, cx + w * 0.46, rim_y + h * 0.06), fill=_mix(ink, bg, 0.45))
    draw.arc((cx - w * 0.40, rim_y - h * 0.22, cx + w * 0.40, rim_y + h * 0.22), start=20, end=160, fill=accent,
             width=8)
    # a cup beside it
    cup_x = cx + w * 0.30
    draw.chord((cup_x - w * 0.14, y1 - h * 0.30, cup_x + w * 0.14, y1 - h * 0.02), start=0, end=180, fill=accent)


def _beans(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    for row, cy in enumerate(range(y0 + 60, y1, 120)):
        for cx in range(x0 + 60 + (row % 2) * 60, x1 - 30, 120):
            tilt = ((cx + cy) // 120) % 3 - 1
            draw.ellipse((cx - 42, cy - 30 + tilt * 6, cx + 42, cy + 30 + tilt * 6), fill=ink)
            draw.arc((cx - 30, cy - 26, cx + 26, cy + 28), start=250, end=110, fill=accent, width=6)


def _leaves(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    length, half_width = 120, 34
    outline = [(math.sin(math.pi * k / 12) * half_width, length * k / 12 - length / 2) for k in range(13)]
    outline += [(-x, y) for x, y in reversed(outline)]
    for row, cy in enumerate(range(y0 + 80, y1 - 20, 130)):
        for col, cx in enumerate(range(x0 + 70 + (row % 2) * 60, x1 - 30, 120)):
            a = math.radians(35 if (row + col) % 2 else -35)
            cos, sin = math.cos(a), math.sin(a)
            points = [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in outline]
            draw.polygon(points, fill=ink)
            tip, base = points[0], points[12]
            draw.line((tip, base), fill=accent, width=4)  # the midrib


def _bottle(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    cx, h = (x0 + x1) / 2, y1 - y0
    body_w = (x1 - x0) * 0.22
    draw.rounded_rectangle((cx - body_w, y0 + h * 0.36, cx + body_w, y1 - h * 0.04), radius=30, fill=ink)
    draw.polygon([(cx - body_w, y0 + h * 0.40), (cx - 24, y0 + h * 0.20), (cx + 24, y0 + h * 0.20),
                  (cx + body_w, y0 + h * 0.40)], fill=ink)
    draw.rectangle((cx - 24, y0 + h * 0.06, cx + 24, y0 + h * 0.22), fill=ink)
    draw.rectangle((cx - 28, y0 + h * 0.04, cx + 28, y0 + h * 0.09), fill=accent)
    draw.rectangle((cx - body_w * 0.7, y0 + h * 0.52, cx + body_w * 0.7, y0 + h * 0.80), fill=bg)
    draw.rectangle((cx - body_w * 0.5, y0 + h * 0.58, cx + body_w * 0.5, y0 + h * 0.62), fill=accent)


def _fruit(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    for row, cy in enumerate(range(y0 + 80, y1, 150)):
        for cx in range(x0 + 80 + (row % 2) * 75, x1 - 40, 150):
            draw.ellipse((cx - 58, cy - 54, cx + 58, cy + 58), fill=ink)
            draw.ellipse((cx - 34, cy - 34, cx - 8, cy - 10), fill=_mix(ink, bg, 0.45))
            draw.chord((cx, cy - 86, cx + 50, cy - 40), start=120, end=330, fill=accent)


def _peppercorns(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    for i, cy in enumerate(range(y0 + 24, y1, 46)):
        for j, cx in enumerate(range(x0 + 24 + (i % 2) * 23, x1, 46)):
            r = 13 + (i * 7 + j * 3) % 6
            colour = accent if (i * 5 + j * 3) % 7 == 0 else ink
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)


def _weave(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    step = 64
    for i, y in enumerate(range(y0, y1, step)):
        for j, x in enumerate(range(x0, x1, step)):
            if (i + j) % 2:
                draw.rectangle((x + 4, y + 16, x + step - 4, y + step - 16), fill=ink)
            else:
                draw.rectangle((x + 16, y + 4, x + step - 16, y + step - 4), fill=accent)


def _painting(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=_mix(bg, (255, 255, 255), 0.7), outline=ink, width=14)
    ix0, iy0, ix1, iy1 = x0 + 50, y0 + 50, x1 - 50, y1 - 50
    draw.ellipse((ix1 - 150, iy0 + 20, ix1 - 40, iy0 + 130), fill=accent)
    draw.polygon([(ix0, iy1), (ix0 + (ix1 - ix0) * 0.35, iy0 + (iy1 - iy0) * 0.35),
                  (ix0 + (ix1 - ix0) * 0.7, iy1)], fill=ink)
    draw.polygon([(ix0 + (ix1 - ix0) * 0.4, iy1), (ix0 + (ix1 - ix0) * 0.7, iy0 + (iy1 - iy0) * 0.55),
                  (ix1, iy1)], fill=_mix(ink, bg, 0.4))


def _umbrella(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = min(x1 - x0, y1 - y0) * 0.48
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ink)
    for k in range(24):
        a = 2 * math.pi * k / 24
        draw.line((cx, cy, cx + r * math.cos(a), cy + r * math.sin(a)), fill=_mix(ink, bg, 0.35), width=3)
    for rr, colour in ((r * 0.72, accent), (r * 0.5, ink), (r * 0.3, accent)):
        draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=colour, width=10)
    draw.ellipse((cx - 16, cy - 16, cx + 16, cy + 16), fill=bg)


def _rings(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = min(x1 - x0, y1 - y0) * 0.5
    for i in range(14):
        rr = r * (1 - i / 14)
        draw.ellipse((cx - rr * 1.1, cy - rr, cx + rr * 0.95, cy + rr * 0.96), outline=ink if i % 3 else accent,
                     width=6)


def _figure(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    for k, cx in enumerate((x0 + (x1 - x0) * 0.3, x0 + (x1 - x0) * 0.7)):
        top = y0 + 40 + k * 30
        h = y1 - top
        draw.ellipse((cx - 44, top, cx + 44, top + 88), fill=ink)
        draw.polygon([(cx, top + 80), (cx - 110, y1), (cx + 110, y1)], fill=accent if k else ink)
        draw.rectangle((cx - 70, top + h * 0.55, cx + 70, top + h * 0.6), fill=bg)


def _hills(draw, box, ink, accent, bg):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    draw.ellipse((x0 + w * 0.68, y0 + h * 0.08, x0 + w * 0.82, y0 + h * 0.08 + w * 0.14), fill=accent)
    for i, (lift, shade) in enumerate(((0.45, 0.55), (0.6, 0.3), (0.78, 0.0))):
        points = [(x0, y1)]
        for k in range(0, 13):
            x = x0 + w * k / 12
            y = y0 + h * lift - math.sin(k * 0.9 + i * 1.7) * h * 0.08 - (k % 3) * h * 0.015
            points.append((x, y))
        points.append((x1, y1))
        draw.polygon(points, fill=_mix(ink, bg, shade))


_DRAW = {
    "stripes": _stripes, "ikat": _ikat, "batik": _batik, "vessel": _vessel, "bowl": _bowl, "beans": _beans,
    "leaves": _leaves, "bottle": _bottle, "fruit": _fruit, "peppercorns": _peppercorns, "weave": _weave,
    "painting": _painting, "umbrella": _umbrella, "rings": _rings, "figure": _figure, "hills": _hills,
}


def _motif(image: Image.Image, name: str, box: tuple[int, int, int, int], ink, accent, bg) -> None:
    """Draw motif ``name`` clipped to ``box``: drawn on a crop of the picture, then pasted back."""
    x0, y0, x1, y1 = box
    tile = image.crop(box)
    _DRAW[name](ImageDraw.Draw(tile), (0, 0, x1 - x0, y1 - y0), ink, accent, bg)
    image.paste(tile, (x0, y0))


def _legible(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[tuple, tuple]:
    """(text, rule) colours that read on whatever lies under ``box``: dark on light, light on dark."""
    average = image.crop(box).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    luminance = 0.2126 * average[0] + 0.7152 * average[1] + 0.0722 * average[2]
    return ((26, 24, 22), (26, 24, 22)) if luminance > 150 else ((252, 248, 240), (252, 248, 240))


def _wrap(draw, text: str, font, max_width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def picture(*, title: str, subtitle: str, palette: str, motif: str, variant: int = 0,
            size: tuple[int, int] = COVER_SIZE) -> bytes:
    """One JPEG: a cover (``variant`` 0), a close-up of the motif (1) or the place it comes from (2)."""
    top, bottom, ink, accent = PALETTES[palette]
    width, height = size
    image = _gradient(size, top, bottom, diagonal=variant != 0).copy()
    draw = ImageDraw.Draw(image)
    s = width / 1200  # the layout is drawn for 1200 px wide and scaled

    if variant == 1:
        # Close-up: the motif fills the frame above a caption band.
        _motif(image, motif, (0, 0, width, height), ink, accent, bottom)
        band = int(110 * s)
        draw.rectangle((0, height - band, width, height), fill=top)
        text_colour, _ = _legible(image, (0, height - band, width, height))
        caption = _wrap(draw, title, _font(max(12, int(38 * s))), int(1080 * s))[0]
        draw.text((int(56 * s), height - band // 2), caption, font=_font(max(12, int(38 * s))),
                  fill=text_colour, anchor="lm")
    else:
        if variant == 0:
            # The cover also becomes a centred square card crop: keep title and motif inside it.
            _motif(image, motif, (int(640 * s), int(110 * s), int(1020 * s), int(790 * s)), ink, accent, bottom)
        else:
            # The place: a layered landscape under the craft's motif as a small emblem.
            _motif(image, "hills", (0, int(200 * s), width, height), ink, accent, bottom)
            _motif(image, motif, (int(900 * s), int(70 * s), int(1130 * s), int(300 * s)), accent, ink, top)
        text_width = int((400 if variant == 0 else 760) * s)
        for points in (64, 56, 48):  # the largest size that fits the title in three lines
            title_font = _font(max(14, int(points * s)))
            lines = _wrap(draw, title, title_font, text_width)
            if len(lines) <= 3:
                break
        lines = lines[:3]
        sub_font = _font(max(12, int(32 * s)), bold=False)
        line_h = int(points * 1.22 * s)
        block_h = line_h * len(lines) + int(60 * s)
        x = int((200 if variant == 0 else 76) * s)
        y = int(height - block_h - 80 * s) if variant == 0 else int(80 * s)
        text_colour, rule_colour = _legible(image, (x, y, x + text_width, y + block_h))
        draw.rectangle((x - int(30 * s), y + int(6 * s), x - int(20 * s), y + block_h), fill=rule_colour)
        for i, line in enumerate(lines):
            draw.text((x, y + i * line_h), line, font=title_font, fill=text_colour)
        draw.text((x, y + len(lines) * line_h + int(12 * s)), subtitle, font=sub_font, fill=text_colour)

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84)
    return buffer.getvalue()
