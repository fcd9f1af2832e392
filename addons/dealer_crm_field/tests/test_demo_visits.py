import base64
import io
from collections import defaultdict
from datetime import time, timedelta
from unittest.mock import patch

from PIL import Image

from odoo import fields

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon
from odoo.addons.dealer_crm_field.models.dealer_checkin_photo import DealerCheckinPhoto
from odoo.addons.dealer_crm_field.tools.photo import EXIF_DATETIME_ORIGINAL, EXIF_IFD


def _image(b64):
    return Image.open(io.BytesIO(base64.b64decode(b64)))


def _mean(image, box):
    """The mean brightness of ``box`` of ``image``."""
    region = image.crop(box).convert("L")
    return sum(region.getdata()) / (region.width * region.height)


class TestDemoVisits(DealerCrmCommon):
    """The demo's four weeks of visits, made through the product's own
    check-in, photo and follow-up code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"city": "上海", "partner_latitude": 31.2304, "partner_longitude": 121.4737})
        cls.customer_b.city = "南京"
        cls.hangzhou = cls._create_customer("杭州永发装饰材料商行", cls.user_salesperson, city="杭州") \
            | cls._create_customer("杭州福润五金交电实业有限公司", cls.user_salesperson, city="杭州")
        cls.first_visit_later = cls._create_customer("杭州福润装饰材料经营部", cls.user_salesperson, city="杭州")
        cls.salespeople = cls.user_salesperson | cls.user_salesperson_b | cls.user_salesperson_other_team

    def _demo_visits(self, salespeople=None):
        """The demo visits, and the raw uploads the photo pipeline developed, by check-in."""
        uploads = defaultdict(list)
        processed = DealerCheckinPhoto._processed

        def spy(photos, vals):
            uploads[vals["checkin_id"]].append(vals["image"])
            return processed(photos, vals)

        with patch.object(DealerCheckinPhoto, "_processed", autospec=True, side_effect=spy):
            checkins = self.env["dealer.checkin"]._dealer_demo_visits(
                excluded_customer_ids=self.first_visit_later.ids, salespeople=salespeople or self.salespeople,
            )
        self.env.flush_all()
        return checkins, uploads

    def test_four_weeks_of_visits(self):
        checkins, uploads = self._demo_visits()
        now = fields.Datetime.now()
        for user in self.salespeople:
            visits = checkins.filtered(lambda checkin, user=user: checkin.user_id == user)
            today = user._dealer_local_today()
            days = {user._dealer_from_utc(checkin.checkin_time).date() for checkin in visits}
            self.assertTrue(days, user.name)
            self.assertLessEqual(days, {today - timedelta(days=back) for back in range(1, 29)},
                                 "the 28 days before today")
            self.assertFalse([day for day in days if day.weekday() == 6], "Monday to Saturday")
            self.assertEqual({((today - day).days - 1) // 7 for day in days}, {0, 1, 2, 3}, "every week of the four")
            self.assertGreaterEqual(len(days), 15, "most of the 24 working days")
            self.assertEqual(visits.partner_id.user_id, user, "at the salesperson's own customers")
            self.assertEqual(
                self.env["dealer.checkin.report"].with_user(user).search_count([("kind", "=", "checkin")]),
                len(visits), "the check-in report shows them to the salesperson",
            )
        self.assertNotIn(self.first_visit_later, checkins.partner_id, "excluded customers are left alone")
        self.assertEqual(self.customer_a.partner_latitude, 31.2304, "a pinned customer keeps its pin")
        for customer in self.hangzhou:
            self.assertAlmostEqual(customer.partner_latitude, 30.27, delta=0.05, msg="pinned by its first visit")

        for checkin in checkins:
            local = checkin.user_id._dealer_from_utc(checkin.checkin_time)
            self.assertTrue(time(9) <= local.time() <= time(17), local)
            self.assertTrue(20 <= checkin.duration <= 90, checkin.duration)
            self.assertTrue(checkin.has_position and 0 < checkin.accuracy <= 45)
            self.assertTrue(checkin.distance < 1500, "near the customer")
            self.assertFalse(checkin.flag_stale_photo or checkin.flag_no_gps or checkin.flag_low_accuracy)
            # The photo was developed by the pipeline for the check-in's own time.
            photo = checkin.photo_ids
            self.assertEqual(len(photo), 1)
            self.assertEqual(photo.capture_time, checkin.checkin_time)
            self.assertEqual(photo.capture_gap_minutes, 0.0)
            self.assertFalse(photo.is_stale)
            self.assertTrue(checkin._watermark_lines()[0].startswith(f"{local:%Y-%m-%d %H:%M:%S}"))
            self.assertIn(f"{checkin.user_id.name} @ {checkin.partner_id.name}", checkin._watermark_lines())
        self.assertLess(len(checkins.filtered("is_flagged")), len(checkins) * 0.2, "a few visits are flagged")
        self.assertTrue(300 >= len(checkins) >= 3 * 15)

        # Raw camera photos in, watermarked ones out.
        for checkin in checkins[:10]:
            raw = _image(uploads[checkin.id][-1])
            stored = _image(checkin.photo_ids.image)
            local = checkin.user_id._dealer_from_utc(checkin.checkin_time)
            self.assertEqual(raw.getexif().get_ifd(EXIF_IFD)[EXIF_DATETIME_ORIGINAL], f"{local:%Y:%m:%d %H:%M:%S}")
            self.assertFalse(stored.getexif().get_ifd(EXIF_IFD), "the stored photo keeps no EXIF")
            self.assertNotEqual(base64.b64decode(checkin.photo_ids.image), base64.b64decode(uploads[checkin.id][-1]))
            self.assertEqual((stored.format, stored.size), ("JPEG", (640, 480)), "small photos are not resized")
            # The watermark: three lines of 14 px text (1/36 of the height, at least 14) on a 71 px band.
            width, height = stored.size
            band = (0, height - 71, width, height)
            self.assertLess(_mean(stored, band), _mean(raw, band) * 0.75, "a dark band at the bottom")
            self.assertGreater(stored.crop(band).convert("L").getextrema()[1], 200, "with white text in it")
            above = (0, height - 140, width, height - 75)
            self.assertAlmostEqual(_mean(stored, above), _mean(raw, above), delta=4, msg="the rest as taken")

        followups = checkins.followup_ids
        self.assertGreaterEqual(len(followups), len(checkins) * 0.7, "most visits have a follow-up")
        for followup in followups:
            checkin = followup.checkin_id
            self.assertEqual((followup.user_id, followup.partner_id, followup.method),
                             (checkin.user_id, checkin.partner_id, "visit"))
            self.assertEqual(followup.date, checkin.checkout_time)
            self.assertTrue(followup.content and followup.intention)
            self.assertTrue(not followup.next_date or followup.next_date > followup.date)
        coming = followups.filtered(lambda followup: followup.next_date and followup.next_date > now)
        self.assertTrue(coming, "some follow-ups plan a visit in the coming week")
        self.assertTrue(all(followup.next_date < now + timedelta(days=9) for followup in coming))
        for customer in checkins.partner_id:
            self.assertEqual(customer.last_followup_date, max(customer.dealer_followup_ids.mapped("date")))

    def test_deterministic(self):
        def plan():
            checkins, _uploads = self._demo_visits(self.user_salesperson)
            return [(checkin.user_id, checkin.partner_id, checkin.checkin_time, checkin.latitude,
                     checkin.followup_ids.content) for checkin in checkins]

        with self.env.cr.savepoint() as savepoint:
            first = plan()
            savepoint.rollback()
        self.assertEqual(plan(), first)
