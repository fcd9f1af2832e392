import base64
from datetime import timedelta

from odoo import Command, fields

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon, shanghai_now

from .common import make_photo


class TestDealerCheckinReport(DealerCrmCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"partner_latitude": 31.2304, "partner_longitude": 121.4737})
        cls.customer_b.write({"partner_latitude": 32.0603, "partner_longitude": 118.7969})

    def _check_in(self, user, partner, latitude, longitude):
        return self.env["dealer.checkin"].with_user(user).create({
            "partner_id": partner.id, "latitude": latitude, "longitude": longitude, "accuracy": 20.0,
            "photo_ids": [Command.create({"image": base64.b64encode(make_photo(taken=shanghai_now()))})],
        })

    def test_totals_match_the_source_records(self):
        first = self._check_in(self.user_salesperson, self.customer_a, 31.2305, 121.4738)
        self._check_in(self.user_salesperson, self.customer_a, 31.3000, 121.5000)  # ~8 km away
        self._check_in(self.user_salesperson_b, self.customer_b, 32.0604, 118.7970)
        first.with_user(self.user_manager).checkout_time = first.checkin_time + timedelta(minutes=42)
        for user, partner in ((self.user_salesperson, self.customer_a), (self.user_salesperson_b, self.customer_b),
                              (self.user_salesperson_b, self.customer_b)):
            self.env["dealer.followup"].with_user(user).create({"partner_id": partner.id, "content": "跟进"})
        self.env.flush_all()
        Report = self.env["dealer.checkin.report"]
        groups = {user: values for user, *values in Report._read_group(
            [], ["user_id"],
            ["visit_count:sum", "customer_visited:count_distinct", "outside_radius_count:sum",
             "duration:avg", "followup_count:sum"],
        )}
        self.assertEqual(groups[self.user_salesperson], [2, 1, 1, 42.0, 1])
        self.assertEqual(groups[self.user_salesperson_b][:3], [1, 1, 0])
        self.assertEqual(groups[self.user_salesperson_b][4], 2)
        checkins = self.env["dealer.checkin"].search([])
        self.assertEqual(sum(values[0] for values in groups.values()), len(checkins))
        self.assertEqual(sum(values[2] for values in groups.values()), len(checkins.filtered("flag_outside_radius")))
        self.assertEqual(sum(values[4] for values in groups.values()), self.env["dealer.followup"].search_count([]))

    def test_salespeople_see_their_own_rows(self):
        self._check_in(self.user_salesperson, self.customer_a, 31.2305, 121.4738)
        self._check_in(self.user_salesperson_b, self.customer_b, 32.0604, 118.7970)
        self._check_in(self.user_salesperson_other_team, self.customer_other_team, 23.1, 113.3)
        Report = self.env["dealer.checkin.report"]
        self.assertEqual(Report.with_user(self.user_salesperson).search([]).user_id, self.user_salesperson)
        self.assertEqual(Report.with_user(self.user_manager).search([]).user_id,
                         self.user_salesperson | self.user_salesperson_b)
        row = Report.with_user(self.user_salesperson).search([])
        action = row.action_open_source()
        self.assertEqual((action["res_model"], action["res_id"]), ("dealer.checkin", row.checkin_id.id))

    def test_weekly_summary_mail(self):
        checkin = self._check_in(self.user_salesperson, self.customer_a, 31.2305, 121.4738)
        last_week = fields.Datetime.now() - timedelta(days=7)
        self.env.cr.execute("UPDATE dealer_checkin SET checkin_time = %s WHERE id = %s", (last_week, checkin.id))
        self.env.invalidate_all()
        mails_before = self.env["mail.mail"].search([])
        self.env["dealer.checkin.report"]._cron_mail_weekly_summary()
        mail = self.env["mail.mail"].search([]) - mails_before
        self.assertEqual(len(mail), 1, "one mail, to the team leader")
        self.assertIn(self.user_manager.email, mail.email_to)
        self.assertIn("张伟", mail.body_html)
        self.assertIn("李娜", mail.body_html, "members who did nothing are listed too")
