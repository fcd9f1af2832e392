import io
import itertools
import random

from PIL import Image

from odoo.tests import BaseCase, tagged

from odoo.addons.dealer_crm_route.tools import phash

from .photos import shop_photo

SHOPS = (0, 1, 2)


def saved(image, image_format="JPEG", quality=95):
    """``image`` saved as a file and opened again, as an upload is."""
    output = io.BytesIO()
    image.save(output, image_format, **({"quality": quality} if image_format == "JPEG" else {}))
    return Image.open(io.BytesIO(output.getvalue())).convert("RGB")


def flipped(value, bits):
    for bit in bits:
        value ^= 1 << bit
    return value


@tagged("post_install", "-at_install")
class TestPhotoHash(BaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.originals = {seed: shop_photo(seed) for seed in SHOPS}
        cls.photos = {seed: saved(original) for seed, original in cls.originals.items()}
        cls.hashes = {seed: phash.dhash(photo) for seed, photo in cls.photos.items()}

    def assertSamePhoto(self, seed, image, msg=None):
        self.assertLessEqual(phash.hamming(self.hashes[seed], phash.dhash(image)), phash.MAX_DISTANCE, msg)

    def assertOtherPhoto(self, seed, image, msg=None):
        self.assertGreater(phash.hamming(self.hashes[seed], phash.dhash(image)), phash.MAX_DISTANCE, msg)

    def test_recompressed(self):
        for seed, photo in self.photos.items():
            with self.subTest(shop=seed):
                again = saved(photo, quality=60)
                self.assertSamePhoto(seed, again, "saved again at quality 60")
                self.assertSamePhoto(seed, saved(again, quality=40), "and again at quality 40")

    def test_resized(self):
        for seed, photo in self.photos.items():
            with self.subTest(shop=seed):
                self.assertSamePhoto(seed, saved(photo.resize((800, 600)), quality=85), "half size")
                self.assertSamePhoto(seed, saved(photo.resize((1024, 768)), quality=85), "1024 pixels wide")

    def test_png_and_jpeg(self):
        for seed, photo in self.photos.items():
            with self.subTest(shop=seed):
                self.assertSamePhoto(seed, saved(photo, "PNG"), "the JPEG saved as PNG")
                self.assertSamePhoto(seed, saved(saved(self.originals[seed], "PNG"), quality=85), "a PNG saved as JPEG")

    def test_lightly_cropped(self):
        """0.5 % of the width or height trimmed from each edge, or from one
        side only. A crop shifts every cell boundary: from 1 % on, a few
        photos in a hundred lose more than 4 bits (see phash's docstring)."""
        for seed, photo in self.photos.items():
            width, height = photo.size
            dx, dy = round(width * 0.005), round(height * 0.005)
            crops = {
                "each edge": (dx, dy, width - dx, height - dy),
                "left": (dx, 0, width, height),
                "right": (0, 0, width - dx, height),
                "top": (0, dy, width, height),
                "bottom": (0, 0, width, height - dy),
            }
            for side, box in crops.items():
                with self.subTest(shop=seed, side=side):
                    self.assertSamePhoto(seed, saved(photo.crop(box), quality=90))

    def test_another_photo_of_the_same_shop(self):
        """Taken on another visit: a step closer and aside, other light, a car
        parked in front, other grain."""
        for seed in SHOPS:
            with self.subTest(shop=seed):
                self.assertOtherPhoto(seed, saved(shop_photo(seed, viewpoint=0.1, brightness=0.85), quality=90))
                self.assertOtherPhoto(
                    seed, saved(shop_photo(seed, viewpoint=0.15, brightness=0.85, obstacle=True), quality=90))

    def test_another_shop(self):
        for first, second in itertools.combinations(SHOPS, 2):
            with self.subTest(shops=(first, second)):
                self.assertGreater(phash.hamming(self.hashes[first], self.hashes[second]), phash.MAX_DISTANCE)

    def test_bit_order(self):
        """Bit 63 is the top-left pair of cells, bit 0 the bottom-right; 1
        when the left cell is the brighter."""
        image = Image.new("L", (900, 800))
        for row in range(8):
            for column in range(9):
                shade = 40 + 20 * column
                if row in (0, 7):
                    shade = 255 - shade
                image.paste(shade, (column * 100, row * 100, column * 100 + 100, row * 100 + 100))
        self.assertEqual(phash.dhash(image), 0xFF00_0000_0000_00FF)
        self.assertEqual(phash.dhash(image.convert("RGB")), 0xFF00_0000_0000_00FF, "the same in colour")
        self.assertEqual(phash.dhash(image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)), 0x00FF_FFFF_FFFF_FF00)

    def test_signed(self):
        for unsigned, signed in ((0, 0), (1, 1), (2**63 - 1, 2**63 - 1), (2**63, -2**63), (2**64 - 1, -1)):
            with self.subTest(unsigned=unsigned):
                self.assertEqual(phash.to_signed(unsigned), signed)
                self.assertEqual(phash.to_unsigned(signed), unsigned)
                self.assertEqual(phash.to_unsigned(phash.to_signed(unsigned)), unsigned)
                self.assertEqual(phash.to_unsigned(unsigned), unsigned)
        self.assertEqual(phash.hamming(phash.to_signed(2**64 - 1), 0), 64, "a signed hash is compared as its bits")

    def test_parts(self):
        value = 0x0123_4567_89AB_CDEF
        self.assertEqual(phash.parts(value), (0x0123, 0x4567, 0x89AB, 0xCDEF))
        self.assertEqual(phash.parts(phash.to_signed(2**64 - 1)), (0xFFFF,) * 4)
        self.assertEqual(phash.join(*phash.parts(value)), value)
        self.assertEqual(phash.join(*phash.parts(2**63)), 2**63)

    def test_probes(self):
        rng = random.Random(19)
        for value in [0, 2**64 - 1] + [rng.getrandbits(64) for _index in range(50)]:
            with self.subTest(value=value):
                probes = phash.probes(value)
                self.assertEqual(len(probes), 4)
                for part, part_probes in zip(phash.parts(value), probes):
                    self.assertEqual(part_probes[0], part)
                    self.assertEqual(len(set(part_probes)), 17)
                    self.assertTrue(all(0 <= probe <= 0xFFFF for probe in part_probes))
                    self.assertEqual(sorted((probe ^ part).bit_count() for probe in part_probes), [0] + [1] * 16)

    def test_probes_find_every_hash_within_max_distance(self):
        """What the index finds: every hash within ``MAX_DISTANCE`` (and, by
        the same pigeonhole, within 7), never one that differs by 2 bits or
        more in each part. The exact distance then tells them apart."""
        rng = random.Random(42)
        for _index in range(300):
            value = rng.getrandbits(64)
            probes = phash.probes(value)
            for distance in range(1, 8):
                stored = flipped(value, rng.sample(range(64), distance))
                with self.subTest(value=value, stored=stored):
                    self.assertEqual(phash.hamming(value, stored), distance)
                    self.assertTrue(any(part in part_probes for part, part_probes in zip(phash.parts(stored), probes)))
            far = flipped(value, [part * 16 + bit for part in range(4) for bit in rng.sample(range(16), 2)])
            with self.subTest(value=value, far=far):
                self.assertEqual(phash.hamming(value, far), 8)
                self.assertFalse(any(part in part_probes for part, part_probes in zip(phash.parts(far), probes)))
