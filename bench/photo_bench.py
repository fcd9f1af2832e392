# Run inside `odoo-bin shell` (bench/run.sh). A 12-megapixel camera photo
# (4032 × 3024, EXIF time and orientation) through the check-in pipeline —
# validate, decode, rotate, resize to 1600 px, watermark, encode — against a
# plain Pillow pipeline (full decode, LANCZOS resize). Median of 20 runs each.
import io
import statistics
import time
from datetime import datetime

from PIL import Image, ImageFilter, ImageOps

from odoo.addons.dealer_crm_field.tools.photo import process_photo

RUNS = 20


def camera_photo():
    """A photo-like 12 MP JPEG: smooth shapes plus sensor noise, about 4 MB."""
    width, height = 4032, 3024
    base = Image.radial_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    image = Image.blend(base, noise, 0.25).filter(ImageFilter.SMOOTH)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8769] = {36867: datetime.now().strftime("%Y:%m:%d %H:%M:%S")}
    output = io.BytesIO()
    image.save(output, "JPEG", quality=92, exif=exif.tobytes())
    return output.getvalue()


def plain_pillow(content):
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(content)))
    image.thumbnail((1600, 1600), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.convert("RGB").save(output, "JPEG", quality=85)
    return output.getvalue()


def median_ms(function):
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


content = camera_photo()
lines = ["2026-11-27 10:32:05 CST", "张伟 @ 上海鑫达五金商行", "定位 31.231000, 121.474100 ±12 米"]
ours = median_ms(lambda: process_photo(content, lines, 40 * 1024 * 1024))
plain = median_ms(lambda: plain_pillow(content))
jpeg, _capture = process_photo(content, lines, 40 * 1024 * 1024)
print(f"photo: {len(content) / 1e6:.1f} MB, 4032 × 3024 → {Image.open(io.BytesIO(jpeg)).size}, {len(jpeg) / 1e3:.0f} kB")
print(f"check-in pipeline (validate, draft decode, resize, rotate, watermark, encode): {ours:.0f} ms median of {RUNS}")
print(f"plain Pillow (full decode, rotate, LANCZOS resize, encode):                 {plain:.0f} ms median of {RUNS}")
print(f"ratio: {plain / ours:.1f}x faster")
