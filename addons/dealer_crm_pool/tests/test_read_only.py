from datetime import timedelta

from freezegun import freeze_time

from odoo import fields

from .common import DealerPoolCommon


class TestPoolForecastOnlyReads(DealerPoolCommon):
    """The pool forecast and the recycle date on the customer read in a
    read-only transaction, as Odoo serves them from a replica."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls._create_east_pool(daily_claim_limit=0)
        cls.pool.with_context(active_test=False).rule_ids.filtered(
            lambda rule: rule.rule_type == "no_followup").write({"active": True, "days": 30})
        cls.idle = cls._create_customer("长期未跟进客户", cls.user_salesperson, region=cls.region_pudong)

    def test_pool_forecast_and_recycle_date(self):
        with self.read_only():
            self.assertEqual(
                self.idle.with_user(self.user_salesperson).dealer_recycle_date,
                fields.Date.context_today(self.idle.with_user(self.user_salesperson)) + timedelta(days=30),
            )
            action = self.pool.with_user(self.user_manager).action_preview_recycling()
            self.assertEqual(action["res_model"], "dealer.pool.forecast")
        with freeze_time(fields.Datetime.now() + timedelta(days=40)), self.read_only():
            forecast = self.env["dealer.pool.forecast"].search([("partner_id", "=", self.idle.id)])
            self.assertEqual(forecast.pool_id, self.pool)
            self.assertLessEqual(forecast.recycle_at, fields.Datetime.now())
