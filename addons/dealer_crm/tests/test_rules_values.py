import base64
import io
import math

from PIL import Image, MpoImagePlugin, TiffImagePlugin  # noqa: F401 (saving MPO and TIFF samples)

from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from ..tools import photo as photo_tools
from .common import DealerCrmCommon, make_photo, shanghai_now

NAN, INF = float("nan"), float("inf")
PIN = (31.2304, 121.4737)


def _b64(content):
    return base64.b64encode(content).decode()


class TestRulesValuesCommon(DealerCrmCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"partner_latitude": PIN[0], "partner_longitude": PIN[1]})

    def _label(self, model, field_name, user=None):
        """The field's label as the user reads it, in their language."""
        env = self.env(user=user or self.user_salesperson)
        return env[model]._fields[field_name]._description_string(env)

    def _check_in(self, user=None, photos=None, **values):
        photos = [make_photo(taken=shanghai_now())] if photos is None else photos
        return self.env["dealer.checkin"].with_user(user or self.user_salesperson).create({
            "partner_id": self.customer_a.id,
            "latitude": 31.2310, "longitude": 121.4741, "accuracy": 25.0,
            "photo_ids": [Command.create({"name": f"现场{index}.jpg", "image": _b64(content)})
                          for index, content in enumerate(photos)],
            **values,
        })

    def _rows(self, model):
        """Every row of ``model`` as the database holds it, read as superuser."""
        self.env.flush_all()
        self.env.invalidate_all()
        records = self.env[model].sudo().with_context(active_test=False).search([])
        fields = [name for name, field in records._fields.items() if field.store and field.type != "binary"]
        return records.read(fields)

    def _assert_refused(self, model, call, labels, exception=ValidationError):
        """``call()`` raises ``exception`` naming each of ``labels``, and no
        row of ``model`` changed."""
        before = self._rows(model)
        with self.assertRaises(exception) as caught:
            call()
        for label in labels:
            self.assertIn(label, str(caught.exception))
        self.assertEqual(self._rows(model), before, "nothing stored or changed")
        return str(caught.exception)


class TestRulesValues(TestRulesValuesCommon):

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

    def test_rebate_tier_numbers(self):
        agreement = self.env["dealer.agreement"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a.id, "agreement_type": "dealer",
            "date_start": "2026-01-01", "date_end": "2026-12-31",
        })
        rate, threshold = (self._label("dealer.agreement.rebate.tier", name) for name in ("rate", "threshold"))
        tiers = self.env["dealer.agreement.rebate.tier"].with_user(self.user_salesperson)
        for values, label in [
            ({"threshold": 1000, "rate": NAN}, rate),
            ({"threshold": 1000, "rate": INF}, rate),
            ({"threshold": 1000, "rate": 150}, rate),
            ({"threshold": 1000, "rate": -1}, rate),
            ({"threshold": NAN, "rate": 2}, threshold),
            ({"threshold": -INF, "rate": 2}, threshold),
            ({"threshold": 1e16, "rate": 2}, threshold),
        ]:
            with self.subTest(values=values):
                self._assert_refused("dealer.agreement.rebate.tier",
                                     lambda: tiers.create({"agreement_id": agreement.id, **values}), [label])
                self._assert_refused(
                    "dealer.agreement.rebate.tier",
                    lambda: agreement.with_user(self.user_salesperson).write(
                        {"rebate_tier_ids": [Command.create(values)]}),
                    [label],
                )
        money = self._label("dealer.agreement", "credit_limit")
        self._assert_refused("dealer.agreement",
                             lambda: agreement.with_user(self.user_salesperson).write({"credit_limit": NAN}), [money])

    def test_dates_must_parse(self):
        agreement = self.env["dealer.agreement"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a.id, "agreement_type": "dealer",
            "date_start": "2026-01-01", "date_end": "2026-12-31",
        })
        as_salesperson = agreement.with_user(self.user_salesperson)
        for value in ("not-a-date", "2026-02-30", "31/12/2026", 20260101, ["2026-01-01"]):
            with self.subTest(value=value):
                self._assert_refused("dealer.agreement", lambda: as_salesperson.write({"date_start": value}),
                                     [self._label("dealer.agreement", "date_start"), str(value)[:10]])
        self._assert_refused(
            "dealer.agreement",
            lambda: self.env["dealer.agreement"].with_user(self.user_salesperson).create({
                "partner_id": self.customer_a.id, "agreement_type": "dealer",
                "date_start": "2026-01-01", "date_end": "not-a-date",
            }),
            [self._label("dealer.agreement", "date_end")],
        )
        self._assert_refused(
            "res.partner", lambda: self.customer_a.with_user(self.user_salesperson).write({"dealer_birthday": "soon"}),
            [self._label("res.partner", "dealer_birthday")],
        )
        as_salesperson.write({"date_end": "2027-06-30"})
        self.assertEqual(str(agreement.date_end), "2027-06-30", "a real date still goes through")

    def test_customer_texts_and_position(self):
        as_salesperson = self.customer_a.with_user(self.user_salesperson)
        name = self._label("res.partner", "name")
        message = self._assert_refused("res.partner", lambda: as_salesperson.write({"name": "鑫" * 10_000_000}), [name])
        self.assertIn("256", message)
        self._assert_refused(
            "res.partner",
            lambda: self.Partner.with_user(self.user_salesperson).create({
                "name": "x" * 257, "is_company": True, "is_dealer": True,
            }),
            [name],
        )
        self._assert_refused("res.partner", lambda: as_salesperson.write({"name": "上海\x00鑫达"}), [name])
        self._assert_refused("res.partner", lambda: as_salesperson.write({"dealer_needs": "需求" * 50_001}),
                             [self._label("res.partner", "dealer_needs")])
        for field_name, value in (("partner_latitude", NAN), ("partner_longitude", INF), ("partner_latitude", 91)):
            with self.subTest(field=field_name, value=value):
                self._assert_refused("res.partner", lambda: as_salesperson.write({field_name: value}),
                                     [self._label("res.partner", field_name)])
        # A contact created through the customer's x2many is checked too.
        self._assert_refused(
            "res.partner",
            lambda: as_salesperson.write({"child_ids": [Command.create({"name": "王" * 300, "type": "contact"})]}),
            [name],
        )
        as_salesperson.write({"name": "鑫" * 256, "dealer_needs": "需求" * 50_000})
        self.assertEqual(len(self.customer_a.name), 256, "the limits themselves are accepted")

    def test_integers_within_the_column(self):
        wizards = self.env["dealer.import.wizard"].with_user(self.user_salesperson)
        label = self._label("dealer.import.wizard", "new_count")
        for value in (2**40, NAN, -(2**31) - 1):
            with self.subTest(value=value):
                self._assert_refused("dealer.import.wizard", lambda: wizards.create({"new_count": value}), [label])

    def test_value_problems_for_a_caller_that_collects_them(self):
        problems = self.env["res.partner"]._dealer_value_problems(
            {"name": "x" * 300, "partner_latitude": NAN, "phone": "021-1"},
        )
        self.assertEqual(len(problems), 2, problems)
        self.assertFalse(self.env["res.partner"]._dealer_value_problems({"name": "上海鑫达", "partner_latitude": 31.2}))


class TestRulesPhotoFormats(TestRulesValuesCommon):

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


class TestRulesCheckinBackOffice(TestRulesValuesCommon):

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


class TestRulesPartnerTexts(DealerCrmCommon):

    def test_odoo_texts_of_a_customer_are_bounded(self):
        """Odoo's own indexed texts (tax ID, reference) would fail in the
        database with megabytes: refused first, with the field's name."""
        before = self.customer_a.sudo().read(["vat", "ref", "street", "comment"])
        for field_name, size in (("vat", 3_000_000), ("ref", 3_000_000), ("street", 300), ("comment", 200_000)):
            with self.subTest(field=field_name), self.assertRaises(ValidationError):
                self.customer_a.with_user(self.user_salesperson).write({field_name: "9" * size})
        self.assertEqual(self.customer_a.sudo().read(["vat", "ref", "street", "comment"]), before)
