import base64
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_crm.tests.common import shanghai_now
from odoo.addons.dealer_crm_sale.tests.common import DealerSalesFactsCommon
from odoo.addons.dealer_crm_field.tests.common import make_photo

# Tuesday 3 March 2026 in Shanghai runs from 2026-03-02 16:00 to 2026-03-03 16:00 UTC.
DAY = date(2026, 3, 3)


# Payments need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestDealerWorkReport(DealerSalesFactsCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env["dealer.work.report.rule"].create({
            "name": "日报：当天 20:00 前提交", "report_type": "daily", "team_ids": [Command.set(cls.team.ids)],
            "deadline_days": 0, "deadline_hour": 20.0, "remind_hours": 2.0, "date_start": "2026-03-01",
        })

    def _report(self, user=None, report_type="daily", day=DAY):
        with freeze_time("2026-03-03 10:30:00"):
            return self.env["dealer.work.report"].with_user(user or self.user_salesperson).create({
                "report_type": report_type, "date": day, "summary": "<p>拜访了鑫达五金</p>",
            })

    def _checkin(self, customer, moment):
        with freeze_time(moment):
            return self.env["dealer.checkin"].with_user(self.user_salesperson).create({
                "partner_id": customer.id, "latitude": 31.23, "longitude": 121.47, "accuracy": 20.0,
                "photo_ids": [Command.create({"image": base64.b64encode(make_photo(taken=shanghai_now()))})],
            })

    def _followup(self, customer, moment):
        with freeze_time(moment):
            return self.env["dealer.followup"].with_user(self.user_salesperson).create({
                "partner_id": customer.id, "date": moment, "content": "介绍新款合页", "method": "phone",
            })

    def test_periods_and_one_report_per_period(self):
        weekly = self._report(report_type="weekly", day=date(2026, 3, 5))
        monthly = self._report(report_type="monthly", day=date(2026, 2, 14))
        self.assertEqual((weekly.date_from, weekly.date_to), (date(2026, 3, 2), date(2026, 3, 8)))
        self.assertEqual((monthly.date_from, monthly.date_to), (date(2026, 2, 1), date(2026, 2, 28)))
        self.assertEqual(weekly.reviewer_id, self.user_manager, "the team's leader reviews")
        with self.assertRaises(Exception), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._report(report_type="weekly", day=date(2026, 3, 8))

    def test_reviewer_is_the_region_manager_without_a_team_leader(self):
        self.team.user_id = False
        region_manager = self.env["res.users"].create({"name": "赵敏", "login": "dealer_region_mgr"})
        self.region_shanghai.manager_id = region_manager
        self.assertEqual(self._report().reviewer_id, region_manager, "the manager nearest to 浦东, 张伟's region")

    def test_figures_come_from_the_period_records(self):
        # Follow-ups: 09:00 on the day counts, 23:30 the evening before and 00:30 the day after do not.
        self._followup(self.customer_a, datetime(2026, 3, 3, 1, 0))
        self._followup(self.customer_a, datetime(2026, 3, 2, 15, 30))
        self._followup(self.customer_a, datetime(2026, 3, 3, 16, 30))
        self._checkin(self.customer_a, "2026-03-03 02:00:00")
        self._checkin(self.customer_a, "2026-03-03 06:00:00")
        # New: created with 张伟 as owner on the day, and assigned on the day; not new: assigned again.
        created = self._create_customer("苏州联发五金", self.user_salesperson)
        self._set_create_date(created, datetime(2026, 3, 3, 2, 0))
        self._log_owner(self.customer_north_unowned, self.user_salesperson, datetime(2026, 3, 3, 3, 0))
        self._log_owner(self.customer_b, self.user_salesperson, datetime(2026, 2, 1, 3, 0), action="assign")
        self._log_owner(self.customer_b, None, datetime(2026, 2, 10, 3, 0), action="transfer",
                        from_user=self.user_salesperson)
        self._log_owner(self.customer_b, self.user_salesperson, datetime(2026, 3, 3, 4, 0))
        # Quotations and orders: a quotation, a confirmed order, one in the other currency, a cancelled one,
        # and one of another salesperson.
        self._sale(self.customer_a, "2026-03-03 03:00:00", 300, confirm=False)
        self._sale(self.customer_a, "2026-03-03 03:00:00", 1000)
        self._sale(self.customer_a, "2026-03-03 04:00:00", 100, pricelist=self.other_pricelist)
        self._sale(self.customer_a, "2026-03-03 05:00:00", 700)._action_cancel()
        self._sale(self.customer_b, "2026-03-03 05:00:00", 900, salesperson=self.user_salesperson_b)
        # Payments: 400 against an invoice of 张伟's, 50 paid back, and one of 李娜's customer.
        invoice = self._invoice(self._sale(self.customer_a, "2026-02-20 03:00:00", 500), "2026-02-20 03:00:00")
        self._pay_invoice(invoice, "2026-03-03", 400)
        self._payment(self.customer_a, "2026-03-03", 50, payment_type="outbound")
        self._payment(self.customer_b, "2026-03-03", 800)
        task = self.env["dealer.task"].create({
            "name": "整理报价单", "user_ids": [Command.set(self.user_salesperson.ids)], "date_start": "2026-03-02",
            "date_deadline": "2026-03-05",
        })
        with freeze_time("2026-03-03 08:00:00"):
            task.action_done("已整理")

        report = self._report()
        with freeze_time("2026-03-03 11:00:00"):
            report.action_refresh_statistics()
        self.assertRecordValues(report, [{
            "followup_count": 1, "checkin_count": 2, "visited_customer_count": 1, "new_customer_count": 2,
            "quotation_count": 3, "quotation_amount": 300 + 1000 + 200,
            "order_count": 2, "order_amount": 1000 + 200, "payment_amount": 400 - 50, "task_done_count": 1,
        }])

    def test_submission_lateness_review_and_statistics(self):
        Report = self.env["dealer.work.report"]
        with freeze_time("2026-03-03 09:30:00"):  # 17:30 in Shanghai: no reminder yet
            Report._cron_remind()
        self.assertFalse(Report.search([("date_from", "=", DAY)]))
        with freeze_time("2026-03-03 10:30:00"):  # 18:30: within two hours of 20:00
            Report._cron_remind()
            Report._cron_remind()
        drafts = Report.search([("date_from", "=", DAY)])
        self.assertEqual(drafts.user_id, self.user_salesperson | self.user_salesperson_b)
        reminders = drafts.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(
                "dealer_crm_team.mail_activity_type_dealer_work_report"))
        self.assertEqual(len(reminders), 2, "one reminder each, not one per run")
        mine = drafts.filtered(lambda report: report.user_id == self.user_salesperson)
        theirs = drafts - mine
        with freeze_time("2026-03-03 11:00:00"):  # 19:00: on time
            mine.with_user(self.user_salesperson).action_submit()
        with freeze_time("2026-03-03 12:30:00"):  # 20:30: late
            theirs.with_user(self.user_salesperson_b).action_submit()
        self.assertFalse(mine.is_late)
        self.assertTrue(theirs.is_late)
        self.assertEqual(mine.deadline, datetime(2026, 3, 3, 12, 0))
        self.assertFalse(mine.activity_ids.filtered(lambda activity: activity.user_id == self.user_salesperson),
                         "submitting closes the reminder")
        self.assertEqual(mine.activity_ids.user_id, self.user_manager, "the reviewer is asked to review")

        with self.assertRaises(UserError):
            mine.with_user(self.user_salesperson).summary = "<p>改过了</p>"
        with self.assertRaises(UserError):
            mine.with_user(self.user_salesperson).rating = "5"
        with self.assertRaises(UserError):
            mine.with_user(self.user_salesperson).action_review()
        mine.with_user(self.user_manager).write({"rating": "4"})
        mine.with_user(self.user_manager).action_review()
        self.assertEqual((mine.state, mine.rating), ("reviewed", "4"))
        self.assertFalse(mine.activity_ids)

        Statistics = self.env["dealer.work.report.statistics"]
        with freeze_time("2026-03-04 13:00:00"):  # 21:00 on Wednesday the 4th
            rows = Statistics.search([("user_id", "in", (self.user_salesperson | self.user_salesperson_b).ids)])
            status = {(row.user_id, row.date_from): row.status for row in rows}
            counts = Statistics.with_user(self.user_manager)._read_group(
                [], ["user_id"], ["on_time_count:sum", "late_count:sum", "missing_count:sum"])
        self.assertEqual(status, {
            (self.user_salesperson, date(2026, 3, 2)): "missing",  # Sunday the 1st is not expected
            (self.user_salesperson, DAY): "on_time",
            (self.user_salesperson, date(2026, 3, 4)): "missing",
            (self.user_salesperson_b, date(2026, 3, 2)): "missing",
            (self.user_salesperson_b, DAY): "late",
            (self.user_salesperson_b, date(2026, 3, 4)): "missing",
        })
        self.assertEqual(sorted(counts, key=lambda row: row[0].id), sorted([
            (self.user_salesperson, 1, 0, 2), (self.user_salesperson_b, 0, 1, 2),
        ], key=lambda row: row[0].id), "the manager sees their team's")
        Statistics.invalidate_model()
        with freeze_time("2026-03-04 11:00:00"):  # 19:00 on the 4th: that day is not due yet
            pending = Statistics.search([("user_id", "=", self.user_salesperson.id), ("date_from", "=", "2026-03-04")])
            self.assertEqual(pending.status, "pending")

    def test_the_strictest_rule_applies(self):
        self.env["dealer.work.report.rule"].create({
            "name": "日报：18:00 前提交", "report_type": "daily", "user_ids": [Command.set(self.user_salesperson.ids)],
            "deadline_hour": 18.0, "date_start": "2026-03-01",
        })
        with freeze_time("2026-03-03 13:00:00"):
            rows = self.env["dealer.work.report.statistics"].search([("date_from", "=", DAY)])
            deadlines = {row.user_id: row.deadline for row in rows}
        self.assertEqual(deadlines, {
            self.user_salesperson: datetime(2026, 3, 3, 10, 0),  # 18:00 in Shanghai, his own rule
            self.user_salesperson_b: datetime(2026, 3, 3, 12, 0),  # 20:00, the team's
        })

    def test_who_sees_which_report(self):
        mine = self._report()
        theirs = self._report(user=self.user_salesperson_other_team)
        Report = self.env["dealer.work.report"]
        self.assertEqual(Report.with_user(self.user_salesperson).search([("id", "in", (mine | theirs).ids)]), mine)
        self.assertFalse(Report.with_user(self.user_salesperson_b).search([("id", "in", (mine | theirs).ids)]))
        self.assertEqual(Report.with_user(self.user_manager).search([("id", "in", (mine | theirs).ids)]),
                         mine | theirs, "their team's, and as manager of the region of 刘洋's customer, his")
        self.assertEqual(theirs.reviewer_id, self.user_manager)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_salesperson).unlink()
        with self.assertRaises(UserError):
            mine.with_user(self.user_salesperson).write({"followup_count": 99})
        with freeze_time("2026-03-03 10:00:00"), self.assertRaises(UserError):
            mine.with_user(self.user_salesperson_b).sudo(False).action_submit()
