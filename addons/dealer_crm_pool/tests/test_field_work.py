from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerPoolCommon

# 2026-01-01 08:00 in Shanghai: the owner got the customers then.
TAKEN = datetime(2026, 1, 1, 0, 0)


@tagged("post_install", "-at_install")
class TestPoolFieldWork(DealerPoolCommon):
    """What the public pool reads from field work and hands over with a customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls._create_east_pool(
            warning_days=3, claim_protection_days=0, daily_claim_limit=0, reclaim_cooldown_days=0,
        )
        cls.pool.with_context(active_test=False).rule_ids.filtered(
            lambda rule: rule.rule_type == "no_followup").write({"active": True, "days": 30})

    def _owned(self, name):
        customer = self._create_customer(name, self.user_salesperson, region=self.region_pudong)
        customer.dealer_owner_since = TAKEN
        return customer

    def _recycle_date(self, customer):
        [row] = self.env["dealer.pool.forecast"]._rows(partner_ids=customer.ids)
        return row["recycle_date"]

    def test_a_follow_up_restarts_the_clock(self):
        idle, followed = self._owned("闲置五金商行"), self._owned("常跟进五金商行")
        with freeze_time("2026-01-20 02:00:00"):
            self.env["dealer.followup"].with_user(self.user_salesperson).create({
                "partner_id": followed.id, "content": "拜访，谈新品", "method": "visit",
            })
        self.assertEqual(followed.last_followup_date, datetime(2026, 1, 20, 2, 0))
        self.assertEqual(self._recycle_date(idle), date(2026, 1, 31))
        self.assertEqual(self._recycle_date(followed), date(2026, 2, 19))
        with freeze_time("2026-02-01 02:00:00"):
            self.env["dealer.pool"]._recycle()
        self.assertTrue(idle.in_pool)
        self.assertFalse(followed.in_pool)

    def test_follow_up_dates_are_not_written_over_rpc(self):
        """A salesperson cannot keep a customer from the pool by writing a
        follow-up date: only follow-ups set it."""
        customer = self._owned("想拖延的客户")
        for user in (self.user_salesperson, self.user_manager):
            for field_name in ("last_followup_date", "next_followup_date"):
                with self.subTest(user=user.login, field=field_name), self.assertRaises(AccessError):
                    customer.with_user(user).write({field_name: "2026-11-30 02:00:00"})
                with self.subTest(user=user.login, field=field_name, create=True), self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).create({
                        "name": "新客户", "is_dealer": True, "is_company": True, field_name: "2026-11-30 02:00:00",
                    })
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.user_salesperson).with_context(
                default_last_followup_date="2026-11-30 02:00:00",
            ).create({"name": "新客户", "is_dealer": True, "is_company": True})
        self.assertFalse(customer.last_followup_date or customer.next_followup_date)
        self.assertEqual(self._recycle_date(customer), date(2026, 1, 31))

    def test_transfer_carries_future_visits(self):
        customer = self.customer_a
        visit = self.env["calendar.event"].create({
            "name": "拜访", "start": fields.Datetime.now() + timedelta(days=2),
            "stop": fields.Datetime.now() + timedelta(days=2, hours=1), "user_id": self.user_salesperson.id,
            "dealer_partner_id": customer.id, "partner_ids": [Command.set(self.user_salesperson.partner_id.ids)],
        })
        past = self.env["calendar.event"].create({
            "name": "上次拜访", "start": fields.Datetime.now() - timedelta(days=2),
            "stop": fields.Datetime.now() - timedelta(days=2, hours=-1), "user_id": self.user_salesperson.id,
            "dealer_partner_id": customer.id, "partner_ids": [Command.set(self.user_salesperson.partner_id.ids)],
        })
        customer.with_user(self.user_manager).action_pool_transfer(self.user_salesperson_b.id)
        self.assertEqual(customer.user_id, self.user_salesperson_b)
        self.assertEqual(visit.user_id, self.user_salesperson_b)
        self.assertEqual(visit.partner_ids, self.user_salesperson_b.partner_id)
        self.assertEqual(past.user_id, self.user_salesperson, "what happened stays with who did it")
