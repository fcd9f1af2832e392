from datetime import datetime, time, timedelta

from odoo.exceptions import AccessError
from odoo.tools import SQL

from .common import DealerRouteCommon


class TestVisitCoverage(DealerRouteCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Coverage = cls.env["dealer.visit.coverage"]
        # The report counts on the database's clock, fixed for the transaction: so does the test.
        cls.today = cls.user_salesperson._dealer_from_utc(cls.env.cr.now()).date()
        cls.customer_a.dealer_importance = "3"

    def visit(self, customer, day, clock=time(0, 30)):
        """A check-in at ``customer`` on the salesperson's local ``day`` at ``clock``."""
        checkin = self.check_in(customer)
        moment = self.user_salesperson._dealer_to_utc(datetime.combine(day, clock))
        checkin.sudo().write({"checkin_time": moment, "checkout_time": moment + timedelta(minutes=30)})
        return checkin

    def this_week(self, customer, user=None):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.Coverage.with_user(user or self.user_admin).search(
            [("partner_id", "=", customer.id), ("period", "=", "week"), ("day", "=", self.today)])

    def test_visited_within_frequency_on_local_days(self):
        row = self.this_week(self.customer_a)
        self.assertEqual(len(row), 1, "one row for the running week, counted today")
        self.assertEqual((row.user_id, row.importance, row.visit_days), (self.user_salesperson, "3", 7))
        self.assertEqual((row.customer_count, row.covered_count, row.overdue_count, row.coverage), (1, 0, 1, 0.0),
                         "never visited: not covered")
        # 00:30 in Shanghai seven days ago is the evening before in UTC: the visit counts on the local day.
        checkin = self.visit(self.customer_a, self.today - timedelta(days=7))
        row = self.this_week(self.customer_a)
        self.assertEqual((row.covered_count, row.overdue_count, row.coverage), (1, 0, 100.0),
                         "visited 7 days ago, an A customer is due today, not overdue")
        checkin.sudo().write({"checkin_time": self.user_salesperson._dealer_to_utc(
            datetime.combine(self.today - timedelta(days=8), time(23, 59)))})
        self.assertEqual(self.this_week(self.customer_a).covered_count, 0, "8 local days ago: overdue")
        self.customer_a.dealer_importance = "2"
        self.assertEqual(self.this_week(self.customer_a).covered_count, 1, "a B customer has 14 days")
        checkin.sudo().unlink()
        self.assertEqual(self.this_week(self.customer_a).covered_count, 0, "its only visit deleted")

    def test_share_of_customers_by_importance(self):
        self.customer_neighbour.dealer_importance = "3"
        self.customer_hangzhou.dealer_importance = "0"
        self.visit(self.customer_a, self.today)
        self.visit(self.customer_hangzhou, self.today - timedelta(days=60))
        self.env.flush_all()
        domain = [("period", "=", "week"), ("day", "=", self.today), ("user_id", "=", self.user_salesperson.id),
                  ("partner_id", "in", (self.customer_a | self.customer_neighbour | self.customer_hangzhou).ids)]
        groups = dict((importance, (coverage, count)) for importance, coverage, count in self.Coverage._read_group(
            domain, ["importance"], ["coverage:avg", "customer_count:sum"]))
        self.assertEqual(groups, {"3": (50.0, 2), "0": (100.0, 1)},
                         "A: one of two visited within 7 days; D: visited 60 days ago, within 90")

    def test_month_rows_and_a_customer_the_log_does_not_know(self):
        """A customer with no ownership change logged (made before the log)
        counts for its present owner, from its creation on."""
        self.env.execute_query(SQL("DELETE FROM dealer_owner_log WHERE partner_id = %s", self.customer_neighbour.id))
        self.customer_neighbour.dealer_importance = "0"
        self.visit(self.customer_neighbour, self.today - timedelta(days=40))
        self.env.flush_all()
        rows = self.Coverage.with_user(self.user_salesperson).search(
            [("partner_id", "=", self.customer_neighbour.id), ("period", "=", "month")])
        self.assertEqual(len(rows), 1, "created this month: no row for the month of the visit before it")
        self.assertEqual((rows.user_id, rows.date, rows.day), (self.user_salesperson, self.today.replace(day=1),
                                                               self.today))
        self.assertEqual(rows.covered_count, 1, "a D customer seen 40 days ago is within its 90 days")

    def test_past_periods_stay_with_their_owner_then(self):
        self.visit(self.customer_a, self.today - timedelta(days=40))
        self.customer_a._dealer_change_owner(self.user_salesperson_b, "transfer")
        self.env.flush_all()
        # The customer was created 10 weeks ago and transferred 3 weeks ago.
        created = self.user_salesperson._dealer_to_utc(datetime.combine(self.today - timedelta(weeks=10), time(9)))
        transferred = self.user_salesperson._dealer_to_utc(datetime.combine(self.today - timedelta(weeks=3), time(9)))
        self.env.execute_query(SQL(
            "UPDATE dealer_owner_log SET date = CASE WHEN action = 'create' THEN %s ELSE %s END WHERE partner_id = %s",
            created, transferred, self.customer_a.id))
        rows = self.Coverage.with_user(self.user_admin).search(
            [("partner_id", "=", self.customer_a.id), ("period", "=", "week")], order="date")
        owners = {row.date_end: row.user_id for row in rows}
        self.assertEqual(len(rows), 11, "from the week it was created to this one")
        self.assertEqual(rows[0].user_id, self.user_salesperson)
        self.assertEqual(rows[-1].user_id, self.user_salesperson_b)
        self.assertEqual(
            {owner for end, owner in owners.items() if end < self.today - timedelta(weeks=3)}, {self.user_salesperson})
        self.assertEqual(
            {owner for end, owner in owners.items() if end >= self.today - timedelta(weeks=3) + timedelta(days=7)},
            {self.user_salesperson_b})
        covered = {row.date_end for row in rows if row.covered_count}
        self.assertTrue(covered, "the visit 40 days ago covered the weeks up to 7 days after it")
        self.assertTrue(all(self.today - timedelta(days=40) <= end <= self.today - timedelta(days=33)
                            for end in covered), covered)

    def test_closed_periods_kept_as_they_were_read(self):
        """The nightly job keeps the weeks and months over as the report
        read them; the report then reads them from there, unchanged by what
        the customer becomes, and computes only the running periods."""
        self.visit(self.customer_a, self.today - timedelta(days=40))
        self.env.flush_all()
        created = self.user_salesperson._dealer_to_utc(datetime.combine(self.today - timedelta(weeks=10), time(9)))
        self.env.execute_query(SQL("UPDATE dealer_owner_log SET date = %s WHERE partner_id = %s",
                                   created, self.customer_a.id))
        self.env.execute_query(SQL("UPDATE res_partner SET create_date = %s WHERE id = %s", created, self.customer_a.id))
        Closed = self.env["dealer.visit.coverage.closed"]

        def readings():
            self.env.invalidate_all()
            rows = self.Coverage.with_user(self.user_admin).search([("partner_id", "=", self.customer_a.id)])
            return {(row.period, row.date): (row.user_id, row.day, row.importance, row.covered_count)
                    for row in rows}

        before = readings()
        self.assertGreaterEqual(Closed._store_closed_periods(), 11, "nine weeks and two months over, at least")
        kept = Closed.search([("partner_id", "=", self.customer_a.id)])
        utc_today = self.env.cr.now().date()
        self.assertTrue(kept and all(row.date_end <= utc_today - timedelta(days=2) for row in kept),
                        "only periods over in every time zone")
        self.assertIn(True, kept.mapped("covered"), "the weeks after the visit")
        self.assertEqual(readings(), before, "the same rows, now read from what was kept")
        self.assertEqual(Closed._store_closed_periods(), 0, "nothing closed since")

        self.customer_a.dealer_importance = "0"
        self.visit(self.customer_a, self.today)
        after = readings()
        running = {key for key in after if key[1] > max(kept.mapped("date"))}
        self.assertTrue(running, "the running periods are still computed")
        for key, (_user, _day, importance, covered) in after.items():
            if key in running:
                self.assertEqual((importance, covered), ("0", 1), key)
            else:
                self.assertEqual(after[key], before[key], "a closed period is not rewritten")

    def test_read_only_and_scoped_per_role(self):
        """Over RPC a salesperson reads only their own rows, nobody writes
        any, and the visited spans are the report's own."""
        self.visit(self.customer_a, self.today)
        self.env.flush_all()
        mine = self.Coverage.with_user(self.user_salesperson)
        self.assertEqual(set(mine.search([]).user_id), {self.user_salesperson})
        other = self.Coverage.with_user(self.user_salesperson_b)
        self.assertFalse(other.search([("partner_id", "=", self.customer_a.id)]))
        self.assertFalse(other._read_group([("partner_id", "=", self.customer_a.id)], [], ["customer_count:sum"])[0][0])
        managed = self.Coverage.with_user(self.user_manager).search([])
        self.assertIn(self.user_salesperson, managed.user_id, "the team they lead")
        self.assertIn(self.customer_east_other_team, managed.partner_id, "the regions they manage")
        self.assertNotIn(self.customer_other_team, managed.partner_id, "another team, outside their regions")
        row = mine.search([("partner_id", "=", self.customer_a.id)], limit=1)
        for attempt in (lambda: row.write({"covered_count": 1}), lambda: mine.create({"covered_count": 1}),
                        row.unlink):
            with self.assertRaises(AccessError):
                attempt()
        with self.assertRaises(AccessError):
            self.env["dealer.visit.span"].with_user(self.user_salesperson).search_read([])
        # Created three weeks ago: some weeks are over.
        self.env.execute_query(SQL("UPDATE dealer_owner_log SET date = date - INTERVAL '3 weeks' WHERE partner_id = %s",
                                   self.customer_a.id))
        self.env.execute_query(SQL("UPDATE res_partner SET create_date = create_date - INTERVAL '3 weeks' WHERE id = %s",
                                   self.customer_a.id))
        self.env["dealer.visit.coverage.closed"]._store_closed_periods()
        with self.assertRaises(AccessError):
            self.env["dealer.visit.coverage.closed"].with_user(self.user_salesperson).search_read([])
        kept = self.env["dealer.visit.coverage.closed"].with_user(self.user_admin).search([], limit=1)
        self.assertTrue(kept, "the admin reads what was kept")
        for attempt in (lambda: kept.write({"covered": not kept.covered}), kept.unlink,
                        lambda: kept.create({"partner_id": self.customer_a.id, "user_id": self.user_salesperson.id,
                                             "period": "week", "date": self.today, "date_end": self.today,
                                             "day": self.today, "covered": True})):
            with self.assertRaises(AccessError):
                attempt()
        with self.assertRaises(AccessError):
            self.env["dealer.visit.span"].with_user(self.user_admin).create(
                {"partner_id": self.customer_a.id, "date_from": self.today, "date_to": self.today})
