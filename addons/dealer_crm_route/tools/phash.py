"""A perceptual hash of check-in photos, to find a photo uploaded again.

``dhash`` reduces a photo to 64 bits that survive recompression and resizing:
the photo in grey, shrunk to 9 × 8 cells, one bit a cell saying whether it is
brighter than its right neighbour. Two photos are the same when their hashes
differ in at most ``MAX_DISTANCE`` bits.

What it tolerates, measured on 60 synthetic shop fronts (tests/photos.py):
JPEG saved again down to quality 40, resized to half or to 1024 pixels, PNG
and JPEG either way (at most 2 bits), a crop of 0.5 % from one edge or from
all four (at most 4). Cropping more is not reliably caught: 1 % stays within
``MAX_DISTANCE`` in 98 % of the photos, 2 % in 83 %, 5 % in a third, as a
crop shifts every cell boundary and the pairs of neighbouring cells that are
nearly equal (a plain wall, the sky) flip. Another photo of the same shop
taken a step closer or aside (10 % larger, moved by 5 %) differs by 10 bits
or more; a different shop by 5 or more, 26 on average.

The hashes are kept in PostgreSQL, cut in four 16-bit parts, each in its own
indexed column (multi-index hashing). Two hashes within ``MAX_DISTANCE`` = 4
bits share at least one part within 1 bit (pigeonhole: four parts with two
differing bits or more would make 8, so this holds up to 7), so a search
looks, in each column, for the part and its 16 one-bit neighbours
(``probes``), then keeps the candidates whose whole hash is within
``MAX_DISTANCE`` (``hamming``).
"""
from PIL import Image, ImageFilter

MAX_DISTANCE = 4
HASH_BITS = 64
PART_BITS = 16
PART_COUNT = HASH_BITS // PART_BITS
PART_MASK = (1 << PART_BITS) - 1
HASH_MASK = (1 << HASH_BITS) - 1
# The cells: one column more than bits in a row, each bit comparing two.
GRID_WIDTH, GRID_HEIGHT = 9, 8
# The photo is first shrunk by an integer factor (cheap, and most of the
# time saved) as long as its short side keeps this many pixels.
REDUCED_SIDE = 256
# The blur before the cells are taken, as a fraction of a cell (its standard
# deviation): it smooths what a shift of a few pixels moves across a cell
# boundary (bricks, goods on shelves) and keeps the difference between
# neighbouring cells. Measured best between 0.25 and 0.5: about half as many
# photos cropped by 0.5 to 1 % lose more than 4 bits as without it.
BLUR_CELLS = 0.4


def dhash(image):
    """The 64-bit difference hash of a PIL image, as an unsigned int.

    The image, upright (as the photo pipeline stores it: no EXIF orientation
    is applied here), is turned grey, shrunk, blurred by ``BLUR_CELLS``, then
    resized to 9 × 8 cells with a Lanczos filter in floating point: cells
    rounded to 256 grey levels would often be equal, and equal neighbours
    flip on the slightest change.

    Bit 63 (the most significant) compares the top-left cell with its right
    neighbour, then along the row, row after row, down to bit 0 for the last
    pair of the bottom row; a bit is 1 when the left cell is the brighter.
    """
    grey = image.convert("L")
    factor = min(grey.size) // REDUCED_SIDE
    if factor > 1:
        grey = grey.reduce(factor)
    cell = (grey.width * grey.height / (GRID_WIDTH * GRID_HEIGHT)) ** 0.5
    grey = grey.filter(ImageFilter.GaussianBlur(BLUR_CELLS * cell))
    cells = list(grey.convert("F").resize((GRID_WIDTH, GRID_HEIGHT), Image.Resampling.LANCZOS).getdata())
    value = 0
    for row in range(GRID_HEIGHT):
        start = row * GRID_WIDTH
        for column in range(start, start + GRID_WIDTH - 1):
            value = (value << 1) | (cells[column] > cells[column + 1])
    return value


def to_signed(value):
    """An unsigned 64-bit hash as PostgreSQL's signed ``bigint`` holds it."""
    return value - (1 << HASH_BITS) if value >> (HASH_BITS - 1) else value


def to_unsigned(value):
    """A hash read from a ``bigint`` column back to its unsigned value."""
    return value & HASH_MASK


def parts(value):
    """The hash's four 16-bit parts, the most significant first."""
    value = to_unsigned(value)
    return tuple(
        (value >> (PART_BITS * index)) & PART_MASK
        for index in reversed(range(PART_COUNT))
    )


def probes(value):
    """For each part of the hash, the part itself then it with each of its 16
    bits flipped: a hash within ``MAX_DISTANCE`` of this one has at least one
    part among the values probed for that part."""
    return tuple(
        (part,) + tuple(part ^ (1 << bit) for bit in range(PART_BITS))
        for part in parts(value)
    )


def hamming(first, second):
    """The number of bits in which two hashes differ (signed or not)."""
    return (to_unsigned(first) ^ to_unsigned(second)).bit_count()


def join(*hash_parts):
    """The unsigned hash of its four 16-bit parts, the most significant first."""
    value = 0
    for part in hash_parts:
        value = (value << PART_BITS) | (part & PART_MASK)
    return value
