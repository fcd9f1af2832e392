import base64
import io
import struct
import zlib
from datetime import timedelta

from PIL import Image

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon, shanghai_now

from .common import make_photo

# 上海鑫达五金商行's pin, and a point about 1.1 km north-east of it.
PIN = (31.2304, 121.4737)
NEAR = (31.2310, 121.4741)
FAR = (31.2390, 121.4810)


def _b64(content):
    return base64.b64encode(content).decode()


def _png_claiming(width, height):
    """A valid tiny PNG whose header claims ``width`` × ``height`` pixels."""
    output = io.BytesIO()
    Image.new("1", (1, 1)).save(output, "PNG")
    data = bytearray(output.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


class TestDealerCheckin(DealerCrmCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"partner_latitude": PIN[0], "partner_longitude": PIN[1]})
        cls.Checkin = cls.env["dealer.checkin"].with_context(tracking_disable=False)

    def _check_in(self, user=None, position=NEAR, accuracy=25.0, photos=None, **values):
        photos = [make_photo(taken=shanghai_now())] if photos is None else photos
        vals = {
            "partner_id": self.customer_a.id,
            "photo_ids": [Command.create({"name": f"现场{index}.jpg", "image": _b64(photo)}) for index, photo in enumerate(photos)],
            **values,
        }
        if position:
            vals.update(latitude=position[0], longitude=position[1], accuracy=accuracy)
        return self.Checkin.with_user(user or self.user_salesperson).create(vals)

    def test_verified_check_in(self):
        checkin = self._check_in(checkin_time="2020-01-01 00:00:00", user_id=self.user_salesperson_b.id)
        self.assertAlmostEqual(checkin.checkin_time, fields.Datetime.now(), delta=timedelta(seconds=30),
                               msg="the server's time, never the device's")
        self.assertEqual(checkin.user_id, self.user_salesperson, "a salesperson checks in as themself")
        self.assertAlmostEqual(checkin.distance, 76, delta=3)
        self.assertEqual(checkin.radius, 500)
        self.assertFalse(checkin.is_flagged)
        self.assertEqual(checkin.photo_count, 1)

    def test_flags(self):
        self.assertTrue(self._check_in(position=FAR).flag_outside_radius)
        self.env["ir.config_parameter"].set_param("dealer_crm.checkin_radius_m", 2000)
        self.assertFalse(self._check_in(position=FAR).flag_outside_radius, "the radius is a setting")
        no_gps = self._check_in(position=None)
        self.assertTrue(no_gps.flag_no_gps and no_gps.is_flagged)
        self.assertFalse(no_gps.flag_outside_radius)
        self.assertTrue(self._check_in(accuracy=350.0).flag_low_accuracy)
        stale = self._check_in(photos=[make_photo(taken=shanghai_now() - timedelta(hours=2))])
        self.assertTrue(stale.flag_stale_photo)
        self.assertAlmostEqual(stale.photo_ids.capture_gap_minutes, -120, delta=1)
        self.assertTrue(self._check_in(photos=[make_photo()]).flag_stale_photo, "a photo without capture time")
        fresh = self._check_in(photos=[make_photo(taken=shanghai_now() - timedelta(minutes=4))])
        self.assertFalse(fresh.flag_stale_photo)

    def test_first_check_in_pins_the_customer(self):
        self.assertFalse(self.customer_b.partner_latitude)
        imprecise = self._check_in(user=self.user_salesperson_b, partner_id=self.customer_b.id, accuracy=900.0)
        self.assertFalse(imprecise.pinned_customer, "an imprecise position does not pin")
        first = self._check_in(user=self.user_salesperson_b, partner_id=self.customer_b.id, position=FAR)
        self.assertTrue(first.pinned_customer)
        self.assertEqual((self.customer_b.partner_latitude, self.customer_b.partner_longitude), FAR)
        second = self._check_in(user=self.user_salesperson_b, partner_id=self.customer_b.id, position=NEAR)
        self.assertFalse(second.pinned_customer)
        self.assertGreater(second.distance, 1000)
        with self.assertRaises(AccessError):
            second.with_user(self.user_salesperson_b).action_pin_customer()
        second.with_user(self.user_manager).action_pin_customer()
        self.assertEqual((self.customer_b.partner_latitude, self.customer_b.partner_longitude), NEAR)
        self.assertEqual(first.distance, 0.0, "earlier check-ins keep the distance they were measured at")

    def test_photo_is_upright_shrunk_and_watermarked(self):
        # A 12-megapixel portrait shot held sideways: stored 4000 × 3000, EXIF says rotate 90°.
        checkin = self._check_in(photos=[make_photo(4000, 3000, taken=shanghai_now(), orientation=6)])
        stored = Image.open(io.BytesIO(base64.b64decode(checkin.photo_ids.image)))
        self.assertEqual(stored.format, "JPEG")
        self.assertEqual(stored.size, (1200, 1600), "rotated upright, then at most 1600 px")
        top, bottom = stored.getpixel((600, 10)), stored.getpixel((5, 1595))
        self.assertGreater(sum(top), 2 * sum(bottom), "a dark band is burned into the bottom")
        band = stored.crop((0, 1400, 1200, 1600)).convert("L")
        self.assertGreater(band.getextrema()[1], 200, "with white text in it")
        self.assertTrue(checkin.photo_ids.image_256)
        lines = checkin._watermark_lines()
        self.assertIn("张伟 @ 上海鑫达五金商行", lines)
        self.assertTrue(lines[0].endswith("CST"), lines[0])
        self.assertIn("31.231000", lines[2])

    def test_bad_photos(self):
        before = self.env["dealer.checkin"].search_count([])
        truncated = make_photo(800, 600, taken=shanghai_now())
        bad_inputs = {
            "not an image": b"%PDF-1.4 this is a contract, not a photo",
            "truncated": truncated[: len(truncated) // 2],
            "bomb": _png_claiming(40000, 40000),
            "GIF": make_photo(image_format="GIF"),
            "40 MB": b"\xff\xd8\xff" + b"\x00" * (40 * 1024 * 1024),
        }
        messages = {}
        for label, content in bad_inputs.items():
            with self.assertRaises(ValidationError, msg=label) as caught:
                self._check_in(photos=[make_photo(taken=shanghai_now()), content])
            messages[label] = str(caught.exception)
        self.assertIn("not a photo", messages["not an image"])
        self.assertIn("damaged", messages["truncated"])
        self.assertIn("abnormal number of pixels", messages["bomb"])
        self.assertIn("not a photo", messages["GIF"])
        self.assertIn("larger than 15 MB", messages["40 MB"])
        with self.assertRaises(ValidationError):
            self._check_in(photos=[])
        self.assertEqual(self.env["dealer.checkin"].search_count([]), before, "nothing stored half-way")
        self.assertFalse(self.env["dealer.checkin.photo"].search([]))

    def test_coordinates_out_of_range(self):
        for position in ((95.0, 121.0), (31.0, 200.0), (-91.0, 0.0)):
            with self.assertRaises(ValidationError):
                self._check_in(position=position)
        with self.assertRaises(ValidationError):
            self._check_in(accuracy=-5.0)

    def test_integrity(self):
        checkin = self._check_in()
        as_salesperson = checkin.with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            as_salesperson.write({"latitude": PIN[0], "longitude": PIN[1]})
        with self.assertRaises(AccessError):
            as_salesperson.unlink()
        with self.assertRaises(AccessError):
            self.env["dealer.checkin.photo"].with_user(self.user_salesperson).search([]).write({"image": False})
        as_manager = checkin.with_user(self.user_manager)
        as_manager.write({"latitude": PIN[0], "longitude": PIN[1]})
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = checkin.sudo().message_ids.tracking_value_ids
        self.assertTrue(tracked.filtered(lambda value: value.field_id.name == "latitude"))
        self.assertFalse(
            self.env["dealer.checkin"].with_user(self.user_salesperson_b).search([("id", "=", checkin.id)]),
            "other salespeople do not see it",
        )

    def test_check_out_and_follow_up(self):
        checkin = self._check_in()
        action = checkin.with_user(self.user_salesperson).action_check_out()
        self.assertTrue(checkin.checkout_time)
        self.assertGreaterEqual(checkin.duration, 0)
        self.assertEqual(action["res_model"], "dealer.followup")
        followup = self.env["dealer.followup"].with_user(self.user_salesperson).with_context(action["context"]).create({
            "content": "拜访完成，客户下周下单",
        })
        self.assertEqual(followup.checkin_id, checkin)
        self.assertEqual(followup.method, "visit")
        self.assertEqual(checkin.followup_ids, followup)
        with self.assertRaises(UserError):
            checkin.with_user(self.user_salesperson).action_check_out()
        with self.assertRaises(UserError):
            self.env["dealer.checkin"].with_user(self.user_salesperson).action_check_out_open()
        with self.assertRaises(AccessError):
            self._check_in().with_user(self.user_salesperson_b).sudo(False).action_check_out()


class TestDealerSchedule(DealerCrmCommon):

    def _event(self, start, **values):
        return self.env["calendar.event"].with_user(self.user_salesperson).create({
            "name": "拜访鑫达五金",
            "start": start,
            "stop": start + timedelta(hours=1),
            "user_id": self.user_salesperson.id,
            "dealer_partner_id": self.customer_a.id,
            "dealer_visit_type": "visit",
            **values,
        })

    def test_check_in_and_out_of_an_event(self):
        event = self._event(fields.Datetime.now())
        checkin = self.env["dealer.checkin"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a.id, "event_id": event.id, "latitude": PIN[0], "longitude": PIN[1],
            "accuracy": 10.0, "photo_ids": [Command.create({"image": _b64(make_photo(taken=shanghai_now()))})],
        })
        self.assertEqual(event.dealer_state, "in_progress")
        self.assertTrue(checkin.pinned_customer, "the customer had no pin yet")
        checkin.action_check_out()
        self.assertEqual(event.dealer_state, "done")

    def test_customer_events_remind_with_odoo_alarms(self):
        event = self._event(fields.Datetime.now() + timedelta(days=1))
        self.assertEqual(event.alarm_ids, self.env.ref("calendar.alarm_notif_2"))
        chosen = self._event(fields.Datetime.now() + timedelta(days=1), alarm_ids=[])
        self.assertFalse(chosen.alarm_ids, "a choice of no alarm stands")

    def test_done_needs_a_check_in_when_required(self):
        event = self._event(fields.Datetime.now(), dealer_checkin_required=True)
        with self.assertRaises(ValidationError):
            event.action_dealer_done()
        event.dealer_checkin_required = False
        event.action_dealer_done()
        self.assertEqual(event.dealer_state, "done")

    def test_my_day_is_the_local_day(self):
        start, end = self.user_salesperson._dealer_local_day_bounds()
        early = self._event(start + timedelta(minutes=30), name="早上拜访")
        self._event(start - timedelta(hours=2), name="昨晚拜访")
        self._event(end + timedelta(minutes=30), name="明早拜访")
        Agenda = self.env["dealer.agenda"].with_user(self.user_salesperson)
        found = Agenda.search(Agenda.action_my_day()["domain"])
        self.assertEqual(found.event_id, early, "today in Shanghai, not yesterday evening nor tomorrow morning")
        action = found.action_check_in()
        self.assertEqual(action["tag"], "dealer_crm_field.checkin")
        self.assertEqual(action["params"], {"partner_id": self.customer_a.id, "event_id": early.id})
        self.assertFalse(self.env["dealer.agenda"].with_user(self.user_salesperson_b).search([]),
                         "nobody sees another's day")

    def test_uncompleted_events_raise_an_activity(self):
        past = self._event(fields.Datetime.now() - timedelta(days=1, hours=3))
        done = self._event(fields.Datetime.now() - timedelta(days=1, hours=5))
        done.dealer_state = "done"
        self.env["calendar.event"]._cron_dealer_flag_uncompleted()
        self.assertEqual(past.dealer_state, "missed")
        self.assertEqual(done.dealer_state, "done")
        activity = self.customer_a.activity_ids.filtered(lambda activity: past.name in (activity.summary or ""))
        self.assertEqual(activity.user_id, self.user_salesperson)
        self.env["calendar.event"]._cron_dealer_flag_uncompleted()
        self.assertEqual(len(self.customer_a.activity_ids.filtered(lambda a: past.name in (a.summary or ""))), 1,
                         "once")
