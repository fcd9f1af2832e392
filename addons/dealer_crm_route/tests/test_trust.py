from datetime import datetime, time, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time

from .common import HANGZHOU, NEIGHBOUR, PIN, DealerRouteCommon, jpeg
from .photos import shop_photo


class TestCheckinTrust(DealerRouteCommon):

    def back(self, checkin, **delta):
        """Move ``checkin`` back in time, as a past visit."""
        checkin.sudo().write({"checkin_time": checkin.checkin_time - timedelta(**delta)})

    def test_a_believable_visit(self):
        # At noon in Shanghai: 20 minutes back, the visit stays on its day (not so just after midnight).
        # Yesterday's noon, so that the clock is never frozen ahead of the transaction that records
        # the check-in's creation (a photo is refused five minutes after it).
        with freeze_time(datetime.combine(fields.Date.today() - timedelta(days=1), time(4, 0))):
            checkin = self.check_in()
            self.back(checkin, minutes=20)
            checkin.with_user(self.user_salesperson).action_check_out()
        self.assertFalse(checkin.flag_impossible_travel or checkin.flag_reused_photo
                         or checkin.flag_suspicious_position or checkin.flag_left_at_once)
        self.assertEqual(checkin.trust_score, 100)
        self.assertFalse(checkin.trust_reasons)
        self.assertFalse(checkin.is_suspicious)

    def test_impossible_travel(self):
        shanghai = self.check_in()
        hangzhou = self.check_in(customer=self.customer_hangzhou, position=HANGZHOU)
        self.assertEqual(hangzhou.travel_from_id, shanghai)
        self.assertTrue(hangzhou.flag_impossible_travel, "165 km within seconds")
        self.assertFalse(shanghai.flag_impossible_travel, "the first check-in of the salesperson")
        self.assertTrue(hangzhou.is_suspicious)
        self.assertIn("Impossible Travel", hangzhou.trust_reasons)
        # The Shanghai visit was two hours earlier after all: 165 km in 2 h is a train or a motorway.
        self.back(shanghai, hours=2)
        self.assertAlmostEqual(hangzhou.travel_speed_kmh, 82, delta=3)
        self.assertFalse(hangzhou.flag_impossible_travel)
        self.env["ir.config_parameter"].set_param("dealer_crm.checkin_max_speed_kmh", 60)
        self.back(shanghai, minutes=1)
        self.assertTrue(hangzhou.flag_impossible_travel, "the speed is a setting")

    def test_gps_noise_between_neighbours_is_no_travel(self):
        first = self.check_in()
        self.back(first, minutes=10)
        neighbour = self.check_in(customer=self.customer_neighbour, position=NEIGHBOUR, accuracy=30.0)
        self.assertAlmostEqual(neighbour.travel_speed_kmh, 1.5, delta=0.2, msg="300 m less 50 m of accuracy, in 10 min")
        self.assertFalse(neighbour.flag_impossible_travel)
        other = self.check_in(customer=self.customer_b, position=HANGZHOU, user=self.user_salesperson_b)
        self.assertFalse(other.travel_from_id, "travel is measured between a salesperson's own check-ins")
        claimed = self.check_in(customer=self.customer_hangzhou, position=HANGZHOU, accuracy=90_000.0)
        self.assertTrue(claimed.flag_impossible_travel, "a claimed 90 km accuracy does not excuse 165 km in 10 min")

    def test_reused_photo(self):
        shop = shop_photo(7)
        original = self.check_in(photo=jpeg(shop, quality=92))
        self.back(original, days=3)
        again = self.check_in(customer=self.customer_neighbour, position=NEIGHBOUR,
                              photo=jpeg(shop.resize((1000, 750)), quality=60))
        self.assertTrue(again.flag_reused_photo)
        self.assertEqual(again.photo_ids.reused_photo_id, original.photo_ids)
        self.assertEqual(again.photo_ids.reused_checkin_id, original)
        self.assertTrue(again.photo_ids.reused_image_256, "shown beside the original")
        self.assertLessEqual(again.photo_ids.reused_distance, 4)
        self.assertTrue(again.is_suspicious)
        self.assertFalse(original.flag_reused_photo, "the original is not the reuse")
        cropped = self.check_in(photo=jpeg(shop.crop((8, 6, 1592, 1194))))
        self.assertTrue(cropped.flag_reused_photo, "trimmed by 0.5 % of each edge")
        # 李娜 sends 张伟's photo: flagged, and she learns that it is a copy, not where he took it.
        copied = self.check_in(customer=self.customer_b, position=(32.06, 118.79), user=self.user_salesperson_b,
                               photo=jpeg(shop, quality=75))
        self.assertTrue(copied.flag_reused_photo)
        as_her = copied.photo_ids.with_user(self.user_salesperson_b)
        self.assertFalse(as_her.reused_image_256 or as_her.reused_checkin_id)
        as_manager = copied.photo_ids.with_user(self.user_manager)
        self.assertTrue(as_manager.reused_image_256)
        self.assertIn(as_manager.reused_checkin_id, original | again | cropped)

    def test_another_photo_of_the_same_shop_is_no_reuse(self):
        original = self.check_in(photo=jpeg(shop_photo(7)))
        self.back(original, days=7)
        revisit = self.check_in(photo=jpeg(shop_photo(7, viewpoint=0.15, brightness=0.85, obstacle=True)))
        self.assertFalse(revisit.flag_reused_photo)
        self.assertFalse(revisit.photo_ids.reused_photo_id)

    def test_reuse_window(self):
        shop = shop_photo(11)
        original = self.check_in(photo=jpeg(shop))
        self.back(original, days=181)
        self.assertFalse(self.check_in(photo=jpeg(shop, quality=70)).flag_reused_photo, "older than 180 days")
        self.env["ir.config_parameter"].set_param("dealer_crm.photo_reuse_days", 365)
        self.assertTrue(self.check_in(photo=jpeg(shop, quality=70)).flag_reused_photo, "the window is a setting")

    def test_suspicious_position(self):
        self.assertTrue(self.check_in(accuracy=0.0).flag_suspicious_position, "a fake-GPS app's perfect accuracy")
        first = self.check_in(position=(31.2311111, 121.4741111))
        self.assertFalse(first.flag_suspicious_position)
        same_customer = self.check_in(position=(31.2311111, 121.4741111))
        self.assertFalse(same_customer.flag_suspicious_position, "twice at the same shop is no fake")
        elsewhere = self.check_in(customer=self.customer_neighbour, position=(31.23111112, 121.47411108))
        self.assertTrue(elsewhere.flag_suspicious_position, "the same coordinates at another customer")
        self.assertTrue(first.flag_suspicious_position and same_customer.flag_suspicious_position,
                        "and the check-ins it copies")
        self.assertFalse(self.check_in(customer=self.customer_neighbour, position=NEIGHBOUR).flag_suspicious_position)

    def test_same_coordinates_as_a_colleague(self):
        """A colleague's check-in at another customer on the very same
        coordinates: the second check-in is stored, both are flagged, and
        neither salesperson gets to read the other's."""
        mine = self.check_in(position=(31.2322222, 121.4755555))
        self.env.invalidate_all()  # the colleague's request knows nothing of it
        theirs = self.check_in(customer=self.customer_b, position=(31.2322222, 121.4755555),
                               user=self.user_salesperson_b)
        self.assertTrue(theirs.flag_suspicious_position)
        self.assertTrue(mine.flag_suspicious_position, "the colleague's copy flags the first one too")
        with self.assertRaises(AccessError):
            mine.with_user(self.user_salesperson_b).read(["flag_suspicious_position"])

    def test_left_at_once(self):
        quick = self.check_in()
        quick.with_user(self.user_salesperson).action_check_out()
        self.assertTrue(quick.flag_left_at_once)
        self.assertEqual(quick.trust_score, 75)
        self.assertFalse(quick.is_suspicious, "one lesser flag alone")
        stayed = self.check_in()
        self.back(stayed, minutes=4)
        stayed.with_user(self.user_salesperson).action_check_out()
        self.assertFalse(stayed.flag_left_at_once)

    def test_never_checked_out(self):
        today = self.check_in()
        yesterday = self.check_in()
        self.back(yesterday, days=1)
        self.env["dealer.checkin"]._cron_dealer_flag_open_visits()
        self.assertTrue(yesterday.flag_left_at_once, "its day has ended")
        self.assertFalse(today.flag_left_at_once, "today's visit may still be checked out")
        yesterday.with_user(self.user_salesperson).action_check_out()
        self.assertTrue(yesterday.flag_left_at_once, "checking out the next day clears nothing")

    def test_nobody_sets_or_clears_a_flag(self):
        checkin = self.check_in(accuracy=0.0)
        Checkin = self.env["dealer.checkin"]
        attacks = [
            (self.user_manager, lambda user: checkin.with_user(user).write({"flag_suspicious_position": False})),
            (self.user_manager, lambda user: checkin.with_user(user).write({"trust_score": 100, "is_suspicious": False})),
            (self.user_admin, lambda user: checkin.with_user(user).write({"flag_impossible_travel": True})),
            (self.user_manager, lambda user: checkin.photo_ids.with_user(user).write({"reused_photo_id": False})),
            (self.user_manager, lambda user: checkin.photo_ids.with_user(user).write({"dhash_0": 1})),
            (self.user_salesperson, lambda user: Checkin.with_user(user).create({
                "partner_id": self.customer_a.id, "latitude": PIN[0], "longitude": PIN[1],
                "flag_left_at_once": False, "trust_score": 100,
                "photo_ids": [fields.Command.create({"name": "x.jpg", "image": jpeg(shop_photo(3, size=(400, 300)))})],
            })),
            (self.user_salesperson, lambda user: Checkin.with_user(user).with_context(
                default_flag_suspicious_position=False).create({"partner_id": self.customer_a.id})),
        ]
        before = Checkin.search_count([])
        for user, attack in attacks:
            with self.assertRaises(AccessError):
                attack(user)
        checkin.invalidate_recordset()
        self.assertTrue(checkin.flag_suspicious_position)
        self.assertEqual(checkin.trust_score, 60)
        self.assertEqual(Checkin.search_count([]), before)
        # A manager still corrects a check-in, and the checks measure it again.
        checkin.with_user(self.user_manager).write({"accuracy": 12.0})
        self.assertFalse(checkin.flag_suspicious_position)

    def test_report_scores_each_salesperson(self):
        good = self.check_in()
        self.back(good, hours=3)
        bad = self.check_in(customer=self.customer_hangzhou, position=HANGZHOU, accuracy=0.0)
        self.check_in(customer=self.customer_b, position=(32.06, 118.79), user=self.user_salesperson_b)
        self.assertEqual(bad.trust_score, 60, "suspicious position −40; 165 km in 3 h is believable")
        self.env.flush_all()
        Report = self.env["dealer.checkin.report"].with_user(self.user_manager)
        rows = {user: (score, suspicious, visits) for user, score, suspicious, visits in Report._read_group(
            [("user_id", "in", (self.user_salesperson | self.user_salesperson_b).ids)],
            ["user_id"], ["trust_score:avg", "suspicious_count:sum", "visit_count:sum"])}
        self.assertEqual(rows[self.user_salesperson], (80.0, 0, 2))
        self.assertEqual(rows[self.user_salesperson_b][2], 1)
        self.assertEqual(Report.search_count([("suspicious_count", ">", 0)]), 0)
        self.check_in(customer=self.customer_neighbour, position=NEIGHBOUR)
        self.env.flush_all()
        self.assertEqual(Report.search_count([("suspicious_count", ">", 0)]), 1, "from 杭州 to 上海 in no time")
        own = self.env["dealer.checkin.report"].with_user(self.user_salesperson_b)._read_group(
            [], ["user_id"], ["trust_score:avg"])
        self.assertEqual([user for user, _score in own], [self.user_salesperson_b], "a salesperson sees their own")
