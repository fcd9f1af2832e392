import base64
import io
import math

from PIL import Image, MpoImagePlugin, TiffImagePlugin  # noqa: F401 (saving MPO and TIFF samples)

from odoo import Command
from odoo.exceptions import AccessError

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon, shanghai_now
from odoo.addons.dealer_crm.tests.test_rules_values import INF, NAN, RulesValuesMixin

from ..tools import photo as photo_tools
from .common import make_photo

PIN = (31.2304, 121.4737)


def _b64(content):
    return base64.b64encode(content).decode()


class TestRulesCheckinValuesCommon(RulesValuesMixin, DealerCrmCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"partner_latitude": PIN[0], "partner_longitude": PIN[1]})

    def _check_in(self, user=None, photos=None, **values):
        photos = [make_photo(taken=shanghai_now())] if photos is None else photos
        return self.env["dealer.checkin"].with_user(user or self.user_salesperson).create({
            "partner_id": self.customer_a.id,
            "latitude": 31.2310, "longitude": 121.4741, "accuracy": 25.0,
            "photo_ids": [Command.create({"name": f"现场{index}.jpg", "image": _b64(content)})
                          for index, content in enumerate(photos)],
            **values,
        })


class TestRulesCheckinValues(TestRulesCheckinValuesCommon):

    def test_check_in_numbers_must_be_finite_and_on_earth(self):
        cases = [
            ("latitude", NAN), ("latitude", INF), ("latitude", -INF), ("latitude", "NaN"), ("latitude", 90.5),
            ("longitude", NAN), ("longitude", -INF), ("longitude", -180.5), ("longitude", "Infinity"),
            ("accuracy", NAN), ("accuracy", INF), ("accuracy", -1.0), ("accuracy", 100_001.0),
            ("latitude", "north"), ("latitude", {"$gt": 0}),
        ]
        for field_name, value in cases:
            with self.subTest(field=field_name, value=value):
                label = self._label("dealer.checkin", field_name)
                self._assert_refused("dealer.checkin", lambda: self._check_in(**{field_name: value}), [label])
        self.assertFalse(self.env["dealer.checkin.photo"].sudo().search([]), "no photo stored either")
        # The edges themselves are fine.
        checkin = self._check_in(latitude=-90.0, longitude=180.0, accuracy=100_000.0)
        self.assertEqual((checkin.latitude, checkin.longitude, checkin.accuracy), (-90.0, 180.0, 100_000.0))

    def test_check_in_changed_by_a_manager(self):
        checkin = self._check_in()
        self._assert_refused(
            "dealer.checkin", lambda: checkin.with_user(self.user_manager).write({"latitude": NAN}),
            [self._label("dealer.checkin", "latitude", self.user_manager)],
        )

    def test_photo_command_values_are_checked_first(self):
        label = self._label("dealer.checkin.photo", "name")
        message = self._assert_refused("dealer.checkin", lambda: self.env["dealer.checkin"].with_user(
            self.user_salesperson).create({
                "partner_id": self.customer_a.id, "latitude": 31.2310, "longitude": 121.4741, "accuracy": 25.0,
                "photo_ids": [Command.create({"name": "照片" * 200 + ".jpg",
                                              "image": _b64(make_photo(taken=shanghai_now()))})],
            }), [label])
        self.assertIn("256", message)
        self.assertFalse(self.env["dealer.checkin.photo"].sudo().search([]))


class TestRulesPhotoFormats(TestRulesCheckinValuesCommon):

    def _image(self, image_format, size=(2400, 1800)):
        output = io.BytesIO()
        picture = Image.new("RGB", size, (200, 210, 220))
        if image_format == "MPO":
            picture.save(output, "MPO", save_all=True, append_images=[Image.new("RGB", size, (10, 20, 30))])
        else:
            picture.save(output, image_format)
        content = output.getvalue()
        self.assertEqual(Image.open(io.BytesIO(content)).format, image_format, "the photo is of the tested format")
        return content

    def test_every_accepted_format_goes_through(self):
        self.assertIn("WEBP", photo_tools.ACCEPTED_FORMATS, "WebP photos are accepted")
        for image_format in sorted(photo_tools.ACCEPTED_FORMATS):
            with self.subTest(image_format=image_format):
                checkin = self._check_in(photos=[self._image(image_format)])
                stored = Image.open(io.BytesIO(base64.b64decode(checkin.photo_ids.image)))
                self.assertEqual(stored.format, "JPEG")
                self.assertEqual(stored.size, (1600, 1200), "shrunk to at most 1600 px")
                top, bottom = stored.getpixel((800, 10)), stored.getpixel((5, 1195))
                self.assertGreater(sum(top), 2 * sum(bottom), "watermarked: a dark band at the bottom")
                band = stored.crop((0, 1050, 1600, 1200)).convert("L")
                self.assertGreater(band.getextrema()[1], 200, "with white text in it")

    def test_refusal_names_exactly_the_formats_that_work(self):
        names = photo_tools.accepted_format_names()
        self.assertEqual(sorted(names), sorted({photo_tools.FORMAT_NAMES[f] for f in photo_tools.ACCEPTED_FORMATS}))
        for label, content in {
            "GIF": self._image("GIF", size=(64, 48)),
            "BMP": self._image("BMP", size=(64, 48)),
            "TIFF": self._image("TIFF", size=(64, 48)),
            "PDF": b"%PDF-1.4 a contract, not a photo",
        }.items():
            with self.subTest(refused=label):
                message = self._assert_refused(
                    "dealer.checkin", lambda: self._check_in(photos=[content]), [", ".join(names)],
                )
                self.assertIn("not a photo", message)
        self.assertFalse(self.env["dealer.checkin.photo"].sudo().search([]))


class TestRulesCheckinBackOffice(TestRulesCheckinValuesCommon):

    def test_back_office_reads_check_ins_and_changes_nothing(self):
        checkin = self._check_in()
        photo = checkin.photo_ids
        as_back_office = checkin.with_user(self.user_back_office)
        self.assertEqual(as_back_office.search([("id", "=", checkin.id)]), checkin)
        self.assertEqual(as_back_office.read(["partner_id", "latitude"])[0]["partner_id"][0], self.customer_a.id)
        photos = self.env["dealer.checkin.photo"].with_user(self.user_back_office)
        self.assertEqual(photos.search([("checkin_id", "=", checkin.id)]), photo)
        self.assertTrue(photo.with_user(self.user_back_office).read(["image"])[0]["image"])
        self.assertTrue(self.env["dealer.checkin.report"].with_user(self.user_back_office).has_access("read"))
        for model, call in [
            ("dealer.checkin", lambda: as_back_office.write({"latitude": 31.0})),
            ("dealer.checkin", lambda: as_back_office.unlink()),
            ("dealer.checkin", lambda: self._check_in(user=self.user_back_office)),
            ("dealer.checkin.photo", lambda: photo.with_user(self.user_back_office).write({"name": "换掉.jpg"})),
            ("dealer.checkin.photo", lambda: photo.with_user(self.user_back_office).unlink()),
            ("dealer.checkin.photo", lambda: photos.create({
                "checkin_id": checkin.id, "name": "补拍.jpg", "image": _b64(make_photo(taken=shanghai_now())),
            })),
        ]:
            with self.subTest(model=model):
                self._assert_refused(model, call, [], exception=AccessError)
        self.assertTrue(math.isclose(checkin.latitude, 31.2310))
