"""Benchmark: a 12-megapixel phone photo through the whole rendition set, ours against libvips.

    .venv/bin/python tests/perf/bench_renditions.py [--runs 7]

Synthesises a realistic 4000×3000 JPEG (gradients, edges and sensor-like noise, quality 90, EXIF
orientation 6 and a GPS position) and makes the same renditions from it with our pipeline
(``catalog.imaging.renditions_make``: Pillow) and with libvips (``pyvips.Image.thumbnail_buffer``
per output, then ``webpsave``/``jpegsave`` with the same quality settings, metadata stripped).
Each run is a fresh Python process, so peak memory is that process's own ``ru_maxrss``; CPU time
is ``getrusage`` (user + system, every thread) around the work alone, after the imports. Runs of
the two engines alternate and the median of each figure is reported, with its ratio to libvips
and the DESIGN target beside it. Not a unit test: it prints figures and exits 0 (``--strict``
exits 1 when a target is missed).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"cpu": 1.25, "rss": 1.0}  # DESIGN.md, Targets: images
WIDTHS = (1280, 640, 320)
CARD = 480
QUALITY = 80
WEBP_EFFORT = 4


def make_photo(path: Path) -> None:
    """A 12-megapixel "phone photo": smooth light, hard edges, fine texture and noise, like a real
    scene at ISO 400, so the JPEG is as hard to decode and resize as a real one (about 4–5 MB)."""
    from PIL import Image, ImageDraw, ImageFilter

    size = (4000, 3000)
    sky = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.merge("RGB", [
        Image.radial_gradient("L").resize(size),
        Image.linear_gradient("L").rotate(90).resize(size),
        Image.linear_gradient("L").transpose(Image.Transpose.FLIP_TOP_BOTTOM).resize(size),
    ])
    image = Image.blend(sky, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for i in range(60):  # woven stripes and pots: edges a resize must keep sharp
        x = (i * 137) % size[0]
        top = 200 + (i * 53) % 1800
        draw.rectangle((x, top, x + 40 + i % 90, top + 300 + (i * 71) % 700),
                       fill=((i * 37) % 256, (i * 91) % 256, (i * 53) % 256))
        draw.ellipse((x, (i * 211) % 2600, x + 300, (i * 211) % 2600 + 260), outline=(250, 240, 220), width=6)
    texture = Image.effect_noise((size[0] // 4, size[1] // 4), 60).resize(size, Image.Resampling.BICUBIC)
    grain = Image.merge("RGB", [Image.effect_noise(size, 18 + 4 * band) for band in range(3)])
    image = Image.blend(image, Image.merge("RGB", [texture] * 3), 0.18)
    image = Image.blend(image, grain, 0.12).filter(ImageFilter.SMOOTH_MORE)
    image = Image.blend(image, Image.merge("RGB", [Image.effect_noise(size, 64) for _ in range(3)]), 0.10)
    exif = Image.Exif()
    exif[0x0112] = 6  # held in portrait: stored landscape, shown rotated
    exif[0x010F], exif[0x0110] = "Phone maker", "Phone 12"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 55.0, 10.0)})
    image.save(path, "JPEG", quality=90, exif=exif, subsampling="4:2:0")


# --- the two engines, run inside a child process ------------------------------------------------

def run_ours(data: bytes) -> list[tuple[int, int, str, int]]:
    from catalog.imaging import renditions_make

    result = renditions_make(data)
    return [(r.width, r.height, r.format, len(r.data)) for r in result.renditions]


def run_vips(data: bytes) -> list[tuple[int, int, str, int]]:
    import pyvips

    def save(image):
        webp = image.webpsave_buffer(Q=QUALITY, effort=WEBP_EFFORT, keep="none")
        jpeg = image.jpegsave_buffer(Q=QUALITY, interlace=True, optimize_coding=True, keep="none")
        return [(image.width, image.height, "webp", len(webp)), (image.width, image.height, "jpeg", len(jpeg))]

    outputs = []
    smallest = None
    for width in WIDTHS:
        smallest = pyvips.Image.thumbnail_buffer(data, width, height=10_000_000, size="down")
        outputs += save(smallest)
    outputs += save(pyvips.Image.thumbnail_buffer(data, CARD, height=CARD, crop="centre", size="down"))
    smallest.avg()  # the placeholder colour, as ours makes one
    return outputs


def imports(engine: str) -> None:
    if engine == "ours":
        import catalog.imaging  # noqa: F401
    else:
        import pyvips

        pyvips.Image.black(8, 8).avg()  # load libvips and start its thread pool before measuring


def child(engine: str, path: str) -> None:
    sys.path.insert(0, str(ROOT))
    imports(engine)
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    outputs = (run_ours if engine == "ours" else run_vips)(data)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"cpu": cpu, "wall": wall, "rss": after.ru_maxrss / 1024,
                      "hwm": _own_peak_rss_mb(), "outputs": outputs}))


def _own_peak_rss_mb() -> float:
    """VmHWM: this process's own peak RSS (ru_maxrss never drops below its parent's at fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(engine: str, path: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(path)], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- the report ---------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each engine (median reported)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--make-photo", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_photo:
        make_photo(Path(args.make_photo))
        return 0
    if args.child:
        child(*args.child)
        return 0

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "phone-photo.jpg"
        # Drawn in a child too: Linux carries a process's peak RSS across fork and exec, so this
        # process must stay small for its children's ru_maxrss to be their own.
        subprocess.run([sys.executable, __file__, "--make-photo", str(path)], check=True)
        photo_bytes = path.stat().st_size
        runs = {"ours": [], "vips": []}
        for engine in ("ours", "vips"):  # warm the page cache and the wheels' shared libraries
            measure(engine, path)
        for _ in range(args.runs):
            for engine in ("ours", "vips"):
                runs[engine].append(measure(engine, path))

    median = {engine: {key: statistics.median(run[key] for run in results) for key in ("cpu", "wall", "rss", "hwm")}
              for engine, results in runs.items()}
    ours, vips = median["ours"], median["vips"]
    print(f"Renditions of a 4000×3000 JPEG ({photo_bytes / 1e6:.1f} MB, EXIF orientation 6): widths "
          f"{', '.join(map(str, WIDTHS))} and a {CARD}×{CARD} card, each WebP q{QUALITY} + progressive JPEG "
          f"q{QUALITY}; median of {args.runs} fresh processes per engine, {os.cpu_count()} CPUs.")
    print()
    header = f"{'figure':<28}{'ours (Pillow)':>15}{'libvips':>12}{'ratio':>9}{'target':>10}  result"
    print(header)
    print("-" * len(header))
    missed = []
    rows = [
        ("CPU time, s", "cpu", "{:.3f}", TARGETS["cpu"]),
        ("wall time, s", "wall", "{:.3f}", None),
        ("peak RSS (ru_maxrss), MB", "rss", "{:.1f}", TARGETS["rss"]),
        ("peak RSS (VmHWM), MB", "hwm", "{:.1f}", TARGETS["rss"]),
    ]
    for label, key, fmt, target in rows:
        ratio = ours[key] / vips[key] if vips[key] else float("inf")
        verdict = ""
        if target is not None:
            verdict = "meets target" if ratio <= target else "MISSES target"
            if ratio > target:
                missed.append(label)
        target_text = f"≤ {target:.2f}×" if target else "—"
        figures = f"{fmt.format(ours[key]):>15}{fmt.format(vips[key]):>12}"
        print(f"{label:<28}{figures}{ratio:>8.2f}×{target_text:>10}  {verdict}")
    print()
    for engine, name in (("ours", "ours"), ("vips", "libvips")):
        outputs = runs[engine][-1]["outputs"]
        sizes = ", ".join(f"{w}×{h} {fmt} {size // 1024} KB" for w, h, fmt, size in outputs)
        print(f"{name} outputs: {sizes}")
    for engine, name in (("ours", "ours"), ("vips", "libvips")):
        print(f"CPU per run, {name}: " + ", ".join(f"{run['cpu']:.3f}" for run in runs[engine]))
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())

