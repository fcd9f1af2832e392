from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import WeComCommon


@tagged("post_install", "-at_install")
class TestOutbox(WeComCommon):

    def schedule(self, record, user, summary="回访客户"):
        return record.activity_schedule("mail.mail_activity_data_todo", user_id=user.id, summary=summary,
                                        note="<p>带上新价目表</p>")

    def test_dealer_activity_reaches_wecom(self):
        activity = self.schedule(self.customer_a, self.user_salesperson)
        queued = self.Outbox.search([("activity_id", "=", activity.id)])
        self.assertEqual(queued.userid, "zhangwei")
        self.send_queued()
        self.assertEqual(queued.state, "sent")
        sent = self.fake.sent[-1]
        self.assertEqual(sent["touser"], "zhangwei")
        self.assertEqual(sent["msgtype"], "textcard")
        self.assertEqual(sent["enable_duplicate_check"], 1)
        self.assertEqual(sent["textcard"]["title"], "回访客户")
        self.assertIn("带上新价目表", sent["textcard"]["description"])
        self.assertIn(f"/odoo/res.partner/{self.customer_a.id}", sent["textcard"]["url"])

    def test_followup_reminder_reaches_wecom(self):
        self.env["dealer.followup"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_a.id, "content": "约好下次", "method": "phone",
            "next_date": fields.Datetime.now() + timedelta(days=2),
        })
        self.send_queued()
        self.assertEqual([message["touser"] for message in self.fake.sent], ["zhangwei"])

    def test_switches_and_scope(self):
        self.schedule(self.vendor, self.user_salesperson)
        self.assertFalse(self.Outbox.search([]), "an activity on a vendor is not Dealer CRM's")
        self.schedule(self.customer_a, self.user_manager)
        self.assertFalse(self.Outbox.search([]), "a user without a WeCom userid")
        self.user_salesperson.with_user(self.user_salesperson).write({"dealer_wecom_push": False})
        self.schedule(self.customer_a, self.user_salesperson)
        self.assertFalse(self.Outbox.search([]), "the user switched reminders off")
        self.user_salesperson.dealer_wecom_push = True
        self.company.dealer_wecom_push = False
        self.schedule(self.customer_a, self.user_salesperson)
        self.assertFalse(self.Outbox.search([]), "the company switched reminders off")

    def test_sending_failures_never_fail_the_activity(self):
        self.fake.fail("message/send", 60020, 60020, 60020, 60020)
        activity = self.schedule(self.customer_a, self.user_salesperson)
        queued = self.Outbox.search([("activity_id", "=", activity.id)])
        self.send_queued()
        self.assertEqual(queued.state, "queued")
        self.assertIn("60020", queued.error)
        for _retry in range(3):
            queued.next_attempt = fields.Datetime.now() - timedelta(seconds=1)
            self.send_queued()
        self.assertEqual((queued.state, queued.attempts), ("failed", 4), "retried 3 times")
        self.assertTrue(activity.exists())

    def test_rate_limit_answer_is_retried_without_counting(self):
        self.fake.fail("message/send", 45009)
        self.schedule(self.customer_a, self.user_salesperson)
        queued = self.Outbox.search([])
        self.send_queued()
        self.assertEqual((queued.state, queued.attempts), ("queued", 0))
        queued.next_attempt = fields.Datetime.now() - timedelta(seconds=1)
        self.send_queued()
        self.assertEqual(queued.state, "sent")

    def test_thirty_a_minute_per_member(self):
        for number in range(35):
            self.schedule(self.customer_a, self.user_salesperson, summary=f"提醒 {number}")
        self.send_queued()
        self.assertEqual(len(self.fake.sent), 30)
        self.assertEqual(self.Outbox.search_count([("state", "=", "queued")]), 5)
        self.send_queued()
        self.assertEqual(len(self.fake.sent), 30, "the rest wait for the next minute")

    def test_token_cached_and_refreshed(self):
        issued = self.fake.tokens_issued
        self.schedule(self.customer_a, self.user_salesperson, summary="一")
        self.send_queued()
        self.schedule(self.customer_a, self.user_salesperson, summary="二")
        self.send_queued()
        self.assertEqual(self.fake.tokens_issued, issued + 1, "one token for both")
        self.fake.expire_token()
        self.schedule(self.customer_a, self.user_salesperson, summary="三")
        self.send_queued()
        self.assertEqual(self.fake.tokens_issued, issued + 2, "refreshed on 42001")
        self.assertEqual(len(self.fake.sent), 3)
