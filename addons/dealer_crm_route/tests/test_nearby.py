import math

from odoo.exceptions import ValidationError

from .common import PIN, DealerRouteCommon

KEYS = {"id", "name", "distance_m", "bearing", "direction", "owner", "in_pool"}


class TestNearby(DealerRouteCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 李娜's customer 190 m east, an unowned one 225 m south-west, another team's 2 km north.
        cls.customer_b.write({"partner_latitude": 31.2304, "partner_longitude": 121.4757})
        cls.customer_north_unowned.write({"partner_latitude": 31.2290, "partner_longitude": 121.4720})
        cls.customer_other_team.write({"partner_latitude": 31.2484, "partner_longitude": 121.4737})

    def nearby(self, user, *args, **kwargs):
        return self.env["res.partner"].with_user(user).dealer_nearby(*args, **kwargs)

    def test_nearest_first_among_what_the_user_sees(self):
        rows = self.nearby(self.user_salesperson, *PIN)
        self.assertEqual([row["id"] for row in rows],
                         [self.customer_a.id, self.customer_north_unowned.id, self.customer_neighbour.id],
                         "own and unowned customers, nearest first; not a colleague's, not 杭州's 165 km away")
        self.assertTrue(all(set(row) == KEYS for row in rows), "nothing else of a customer: no phone, no street")
        here, unowned, neighbour = rows
        self.assertEqual(here["distance_m"], 0)
        self.assertEqual(here["owner"], "张伟")
        self.assertAlmostEqual(unowned["distance_m"], 225, delta=10)
        self.assertEqual(unowned["direction"], "Southwest")
        self.assertFalse(unowned["owner"])
        self.assertFalse(unowned["in_pool"], "no public pool in this database")
        self.assertAlmostEqual(neighbour["distance_m"], 301, delta=5)
        self.assertEqual(neighbour["direction"], "North")
        self.assertTrue(0 < neighbour["bearing"] < 10, neighbour["bearing"])

    def test_a_manager_sees_the_team(self):
        ids = [row["id"] for row in self.nearby(self.user_manager, *PIN)]
        self.assertIn(self.customer_b.id, ids)
        self.assertNotIn(self.customer_other_team.id, ids, "another team's, outside the manager's scope")
        admin = [row["id"] for row in self.nearby(self.user_admin, *PIN)]
        self.assertIn(self.customer_other_team.id, admin)
        self.assertEqual(admin[:2], [self.customer_a.id, self.customer_b.id])

    def test_radius_and_limit(self):
        self.assertEqual([row["id"] for row in self.nearby(self.user_salesperson, *PIN, radius_m=250)],
                         [self.customer_a.id, self.customer_north_unowned.id])
        self.assertEqual(len(self.nearby(self.user_salesperson, *PIN, limit=1)), 1)
        self.assertEqual(len(self.nearby(self.user_salesperson, *PIN, limit=10_000)), 3, "50 at most")
        far = self.nearby(self.user_salesperson, 30.2741, 120.1551, radius_m=1000)
        self.assertEqual([row["id"] for row in far], [self.customer_hangzhou.id])

    def test_bad_positions(self):
        for position in ((math.nan, 121.47), (31.23, math.inf), (91, 121.47), (31.23, -181), ("上海", 121.47),
                         (None, None)):
            with self.assertRaises(ValidationError):
                self.nearby(self.user_salesperson, *position)
        for radius, limit in ((math.nan, 20), ("far", 20), (5000, "all")):
            with self.assertRaises(ValidationError):
                self.nearby(self.user_salesperson, *PIN, radius_m=radius, limit=limit)
