"""The check-in photo pipeline: validate, orient, shrink, watermark.

Photos come from phone cameras (12 megapixels and more). They are checked as
images by Pillow from their content, never by their name; refused when they
would decompress to an abnormal size; decoded at a reduced scale where JPEG
allows it (``draft``), which is most of the speed; rotated upright by their
EXIF orientation; shrunk to at most ``MAX_SIDE`` pixels; and the watermark is
burned in, so that it survives any copy of the file.
"""
import functools
import io
import logging
import math
import os
import warnings
from datetime import datetime

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError, features

# Odoo registers only BMP, GIF, JPEG, PNG and PPM with Pillow and keeps it from
# loading any other plugin (``Image.preinit()`` in odoo/tools/image.py): WebP,
# what many phones and browsers save photos as, is loaded here explicitly.
try:
    from PIL import WebPImagePlugin  # noqa: F401
except ImportError:
    WebPImagePlugin = None
Image.preinit()

_logger = logging.getLogger(__name__)

MAX_SIDE = 1600
# Well above any phone camera (200 MP sensors bin to 50 MP), far below a bomb.
MAX_PIXELS = 120_000_000
# Pillow's format → the name users know it by. MPO is the JPEG of phones that
# store a second picture (depth, portrait mode); Pillow opens it as a JPEG.
FORMAT_NAMES = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def _can_open(image_format):
    if image_format == "MPO":
        return "JPEG" in Image.OPEN
    if image_format == "WEBP":
        return "WEBP" in Image.OPEN and features.check_module("webp")
    return image_format in Image.OPEN


# Only the formats this Pillow opens, so that a refusal names exactly those.
ACCEPTED_FORMATS = frozenset(filter(_can_open, FORMAT_NAMES))
EXIF_IFD = 0x8769
EXIF_DATETIME_ORIGINAL = 36867
EXIF_OFFSET_TIME_ORIGINAL = 36881
EXIF_DATETIME = 306
EXIF_ORIENTATION = 0x0112
# What turns a photo upright, by its EXIF orientation (as ImageOps.exif_transpose).
EXIF_TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
CJK_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


class _TrackedStream(io.BytesIO):
    """Knows whether a decoder read past the end of the data: the file was
    cut short. Odoo lets Pillow load truncated images (for its reports), so
    Pillow does not say so itself."""

    exhausted = False

    def read(self, size=-1):
        data = super().read(size)
        if size and not data:
            self.exhausted = True
        return data


def accepted_format_names():
    """The names of the accepted formats, as users know them: ["JPEG", "PNG", "WebP"]."""
    return list(dict.fromkeys(
        name for image_format, name in FORMAT_NAMES.items() if image_format in ACCEPTED_FORMATS
    ))


class PhotoError(ValueError):
    """The upload cannot be a check-in photo; ``args[0]`` is the reason's key."""


def process_photo(content, watermark_lines, max_bytes):
    """Return ``(jpeg_bytes, capture_time)`` for an uploaded photo.

    ``capture_time`` is the EXIF original date and time as a naive datetime,
    with its UTC offset in minutes when the camera recorded one:
    ``(datetime, offset_minutes or None)``, or ``None`` when absent.
    Raises ``PhotoError('too_large' | 'not_image' | 'bomb' | 'damaged')``.
    """
    if len(content) > max_bytes:
        raise PhotoError("too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            stream = _TrackedStream(content)
            image = Image.open(stream)
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoError("not_image")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoError("bomb")
            capture_time = _capture_time(image)
            orientation = image.getexif().get(EXIF_ORIENTATION)
            if image.format in ("JPEG", "MPO"):
                # Decode at 1/2, 1/4 or 1/8 scale, as long as it stays at
                # least as large as the photo will be once resized.
                ratio = MAX_SIDE / max(width, height)
                image.draft("RGB", (math.ceil(width * ratio), math.ceil(height * ratio)))
            stream.exhausted = False
            image.load()
            if stream.exhausted:
                raise PhotoError("damaged")
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoError("bomb") from error
    except UnidentifiedImageError as error:
        raise PhotoError("not_image") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise PhotoError("damaged") from error
    if image.mode != "RGB":
        image = image.convert("RGB")
    scale = MAX_SIDE / max(image.size)
    if scale < 1:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BICUBIC)
    # Upright after shrinking: rotating the small image is the cheaper way.
    if transposition := EXIF_TRANSPOSITIONS.get(orientation):
        image = image.transpose(transposition)
    _burn_watermark(image, watermark_lines)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return output.getvalue(), capture_time


def _capture_time(image):
    exif = image.getexif()
    details = exif.get_ifd(EXIF_IFD)
    text = details.get(EXIF_DATETIME_ORIGINAL) or exif.get(EXIF_DATETIME)
    if not text:
        return None
    try:
        taken = datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = details.get(EXIF_OFFSET_TIME_ORIGINAL)
    offset_minutes = None
    if offset and len(str(offset)) >= 6:
        sign = -1 if str(offset).startswith("-") else 1
        hours, minutes = str(offset)[1:6].split(":")
        offset_minutes = sign * (int(hours) * 60 + int(minutes))
    return taken, offset_minutes


@functools.lru_cache(maxsize=8)
def _font(size):
    for path in CJK_FONTS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    _logger.warning("No CJK font found (install fonts-noto-cjk): watermarks lose their Chinese characters.")
    return ImageFont.load_default(size)


def _burn_watermark(image, lines):
    """A dark band at the bottom of the photo holding ``lines`` in white."""
    width, height = image.size
    size = max(14, round(min(width, height) / 36))
    font = _font(size)
    margin = size // 2
    line_height = round(size * 1.35)
    band = line_height * len(lines) + 2 * margin
    image.paste((0, 0, 0), (0, height - band, width, height), Image.new("L", (width, band), 140))
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((margin, height - band + margin + index * line_height), line, fill=(255, 255, 255), font=font)
