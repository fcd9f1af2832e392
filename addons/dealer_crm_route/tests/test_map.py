from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.coords import wgs84_to_gcj02
from .common import HANGZHOU, NEIGHBOUR, PIN, DealerRouteCommon


@tagged("post_install", "-at_install")
class TestMap(DealerRouteCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["dealer.visit.plan"]
        cls.user_salesperson.partner_id.write({"partner_latitude": PIN[0] - 0.009, "partner_longitude": PIN[1]})

    def map_data(self, user=None, **kwargs):
        with self.read_only():
            return self.Plan.with_user(user or self.user_salesperson).dealer_map_data(**kwargs)

    def test_the_salespersons_map_of_today(self):
        self.Plan.with_user(self.user_salesperson).action_my_plan()
        checkin = self.check_in(self.customer_a)
        data = self.map_data()
        self.assertEqual(data["tiles"]["system"], "wgs84", "OpenStreetMap by default")
        self.assertEqual(data["salesperson"]["id"], self.user_salesperson.id)
        self.assertEqual(data["day"], str(self.user_salesperson._dealer_local_today()))
        self.assertEqual({row["id"] for row in data["customers"]},
                         {self.customer_a.id, self.customer_neighbour.id, self.customer_hangzhou.id},
                         "the pinned customers he may see")
        stops = data["plan"]["stops"]
        self.assertEqual([stop["customer"] for stop in stops], [self.customer_a.name, self.customer_neighbour.name])
        self.assertEqual(stops[0]["position"], list(PIN))
        self.assertEqual(stops[0]["state"], "visited")
        self.assertEqual([row["id"] for row in data["checkins"]], [checkin.id])
        self.assertEqual(data["plan"]["start"], [PIN[0] - 0.009, PIN[1]], "from his home")

    def test_chinese_tiles_get_gcj02_positions(self):
        self.env.company.dealer_map_tiles = "amap"
        self.Plan.with_user(self.user_salesperson).action_my_plan()
        data = self.map_data()
        self.assertEqual(data["tiles"]["system"], "gcj02")
        self.assertIn("autonavi", data["tiles"]["url"])
        positions = {row["id"]: row["position"] for row in data["customers"]}
        for customer, pin in ((self.customer_a, PIN), (self.customer_neighbour, NEIGHBOUR),
                              (self.customer_hangzhou, HANGZHOU)):
            expected = wgs84_to_gcj02(*pin)
            self.assertAlmostEqual(positions[customer.id][0], expected[0], places=9)
            self.assertAlmostEqual(positions[customer.id][1], expected[1], places=9)
        self.assertNotEqual(positions[self.customer_a.id], list(PIN), "a few hundred metres off in China")

    def test_no_tiles_and_custom_tiles(self):
        self.env.company.dealer_map_tiles = "none"
        self.assertFalse(self.map_data()["tiles"])
        for url in ("ftp://tiles.example.cn/{z}/{x}/{y}.png", "https://tiles.example.cn/{z}/{x}.png", ""):
            with self.subTest(url=url), self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.env.company.write({"dealer_map_tiles": "custom", "dealer_map_tile_url": url})
        self.env.company.write({
            "dealer_map_tiles": "custom", "dealer_map_tile_url": "https://tiles.example.cn/{z}/{x}/{y}.png",
            "dealer_map_tile_system": "gcj02", "dealer_map_tile_attribution": "<b>示例</b>",
        })
        tiles = self.map_data()["tiles"]
        self.assertEqual((tiles["url"], tiles["system"], tiles["attribution"]),
                         ("https://tiles.example.cn/{z}/{x}/{y}.png", "gcj02", "<b>示例</b>"))

    def test_whose_plan_a_user_may_see_on_the_map(self):
        self.Plan.with_user(self.user_salesperson_b).action_my_plan()
        self.customer_b.write({"partner_latitude": 32.06, "partner_longitude": 118.79})
        self.assertFalse(self.map_data(user_id=self.user_salesperson_b.id)["plan"], "not a colleague's plan")
        data = self.map_data(user=self.user_manager, user_id=self.user_salesperson_b.id)
        self.assertTrue(data["plan"], "his manager's")
        self.assertIn(self.user_salesperson_b.id, [row["id"] for row in data["salespeople"]])
        self.assertEqual([row["id"] for row in self.map_data()["salespeople"]], [self.user_salesperson.id])
        bad_arguments = ({"day": "yesterday"}, {"day": "2026-02-30"}, {"user_id": "x"}, {"user_id": 10 ** 9},
                         {"user_id": 10 ** 12})
        for bad in bad_arguments:
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                self.Plan.with_user(self.user_salesperson).dealer_map_data(**bad)
