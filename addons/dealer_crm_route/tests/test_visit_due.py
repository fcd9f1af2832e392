from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, ValidationError

from odoo.addons.dealer_crm.tests.common import shanghai_day

from .common import DealerRouteCommon


class TestVisitDue(DealerRouteCommon):

    def move(self, checkin, moment):
        checkin.sudo().write({"checkin_time": moment, "checkout_time": moment + timedelta(minutes=30)})

    def test_never_visited_is_due_since_its_owner_got_it(self):
        self.assertEqual(self.customer_a.dealer_next_visit_due, shanghai_day(self.customer_a.create_date),
                         "created with its owner: due at once")
        self.customer_a.sudo().dealer_owner_since = datetime(2026, 3, 1, 17, 0)
        self.assertEqual(self.customer_a.dealer_next_visit_due, date(2026, 3, 2), "the owner's local day")
        self.assertFalse(self.customer_a.dealer_last_visit_time)
        self.assertFalse(self.customer_north_unowned.dealer_next_visit_due, "a customer without owner is due nowhere")

    def test_due_by_importance_from_the_last_check_in(self):
        checkin = self.check_in()
        # 2026-03-01 16:30 UTC is 2026-03-02 00:30 in Shanghai: the visit counts for the 2nd.
        self.move(checkin, datetime(2026, 3, 1, 16, 30))
        self.assertEqual(self.customer_a.dealer_last_visit_time, datetime(2026, 3, 1, 16, 30))
        expected = {"3": 7, "2": 14, "1": 30, "0": 90}
        for importance, days in expected.items():
            self.customer_a.dealer_importance = importance
            self.assertEqual(self.customer_a.dealer_visit_days, days)
            self.assertEqual(self.customer_a.dealer_next_visit_due, date(2026, 3, 2) + timedelta(days=days),
                             "the local day of the visit, not UTC's, plus the frequency")
        # 15:59 UTC is still the 1st in Shanghai.
        self.move(checkin, datetime(2026, 3, 1, 15, 59))
        self.assertEqual(self.customer_a.dealer_next_visit_due, date(2026, 5, 30))

    def test_a_customer_recycled_in_sql_is_due_nowhere(self):
        self.assertTrue(self.customer_a.dealer_next_visit_due)
        self.env.flush_all()
        # As the public pool's recycling does it: one UPDATE, then the owner change's hook.
        self.env.cr.execute("UPDATE res_partner SET user_id = NULL WHERE id = %s", [self.customer_a.id])
        self.customer_a.invalidate_recordset()
        self.customer_a._dealer_owner_changed()
        self.assertFalse(self.customer_a.dealer_next_visit_due)

    def test_latest_check_in_counts(self):
        first, second = self.check_in(), self.check_in()
        self.move(first, datetime(2026, 3, 10, 2, 0))
        self.move(second, datetime(2026, 2, 1, 2, 0))
        self.customer_a.dealer_importance = "3"
        self.assertEqual(self.customer_a.dealer_next_visit_due, date(2026, 3, 17))

    def test_company_frequency_and_the_customer_own(self):
        self.customer_a.dealer_importance = "2"
        self.move(self.check_in(), datetime(2026, 3, 10, 2, 0))
        self.env.company.dealer_visit_days_b = 10
        self.assertEqual(self.customer_a.dealer_next_visit_due, date(2026, 3, 20))
        self.customer_a.with_user(self.user_manager).dealer_visit_interval_days = 3
        self.assertEqual(self.customer_a.dealer_visit_days, 3)
        self.assertEqual(self.customer_a.dealer_next_visit_due, date(2026, 3, 13))
        with self.assertRaises(ValidationError):
            self.customer_a.with_user(self.user_manager).dealer_visit_interval_days = -5
        with self.assertRaises(ValidationError):
            self.env.company.dealer_visit_days_a = 0
        self.assertEqual(self.env.company.dealer_visit_days_a, 7)

    def test_salesperson_cannot_space_out_their_visits(self):
        for attack in (
            lambda: self.customer_a.with_user(self.user_salesperson).write({"dealer_visit_interval_days": 365}),
            lambda: self.env["res.partner"].with_user(self.user_salesperson).create({
                "name": "新客户", "is_company": True, "is_dealer": True, "dealer_visit_interval_days": 365}),
            lambda: self.env["res.partner"].with_user(self.user_salesperson).with_context(
                default_dealer_visit_interval_days=365).create({"name": "新客户", "is_company": True, "is_dealer": True}),
            lambda: self.env["res.partner"].with_user(self.user_salesperson).with_context(
                default_dealer_next_visit_due="2099-01-01").create({"name": "新客户", "is_company": True, "is_dealer": True}),
        ):
            with self.assertRaises(AccessError):
                attack()
        self.assertEqual(self.customer_a.dealer_visit_interval_days, 0)
        due = self.customer_a.dealer_next_visit_due
        for name, value in (("dealer_next_visit_due", "2099-01-01"), ("dealer_last_visit_time", "2099-01-01 00:00:00"),
                            ("dealer_visit_days", 999)):
            for user in (self.user_salesperson, self.user_manager):
                with self.assertRaises(AccessError):
                    self.customer_a.with_user(user).write({name: value})
        self.customer_a.invalidate_recordset()
        self.assertEqual(self.customer_a.dealer_next_visit_due, due)

    def test_due_and_overdue_filters(self):
        today = self.user_salesperson._dealer_local_today()
        self.move(self.check_in(), datetime.combine(today - timedelta(days=7), datetime.min.time()) + timedelta(hours=4))
        self.move(self.check_in(customer=self.customer_neighbour),
                  datetime.combine(today - timedelta(days=8), datetime.min.time()) + timedelta(hours=4))
        (self.customer_a | self.customer_neighbour).dealer_importance = "3"
        self.assertEqual(self.customer_a.dealer_next_visit_due, today)
        self.assertEqual(self.customer_neighbour.dealer_next_visit_due, today - timedelta(days=1))
        mine = [("user_id", "=", self.user_salesperson.id), ("id", "in", (self.customer_a | self.customer_neighbour).ids)]
        Partner = self.env["res.partner"].with_user(self.user_salesperson)
        self.assertEqual(Partner.search(mine + [("dealer_next_visit_due", "<=", today)]),
                         self.customer_a | self.customer_neighbour)
        self.assertEqual(Partner.search(mine + [("dealer_next_visit_due", "<", today)]), self.customer_neighbour)
