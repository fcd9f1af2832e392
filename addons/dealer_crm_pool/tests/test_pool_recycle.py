from datetime import date, datetime

from freezegun import freeze_time
from psycopg2.errors import CheckViolation, UniqueViolation

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import DealerPoolCommon

# 2026-01-01 08:00 in Shanghai: the owners got their customers then.
TAKEN = datetime(2026, 1, 1, 0, 0)


class TestDealerPoolRecycle(DealerPoolCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls._create_east_pool(
            warning_days=3, claim_protection_days=0, daily_claim_limit=0, reclaim_cooldown_days=0,
        )
        cls.rules = {rule.rule_type: rule for rule in cls.pool.with_context(active_test=False).rule_ids}
        cls.Log = cls.env["dealer.owner.log"]
        cls.product = cls.env["product.product"].create({"name": "不锈钢合页", "list_price": 12.5})

    def _owned(self, name, importance="0", owner=None, since=TAKEN, region=None):
        customer = self._create_customer(name, owner or self.user_salesperson, region=region or self.region_pudong,
                                         dealer_importance=importance)
        customer.dealer_owner_since = since
        return customer

    def _rule(self, rule_type, **values):
        rule = self.rules[rule_type]
        rule.write({"active": True, **values})
        return rule

    def _recycle(self, moment):
        with freeze_time(moment):
            return self.env["dealer.pool"]._recycle()

    def _order(self, customer, moment, confirm=True):
        with freeze_time(moment):
            order = self.env["sale.order"].create({
                "partner_id": customer.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
            })
            if confirm:
                order.action_confirm()
        return order

    def _forecast(self, customers):
        return {row["partner_id"]: row for row in self.env["dealer.pool.forecast"]._rows(partner_ids=customers.ids)}

    def test_no_followup_days_per_importance_local_day(self):
        self._rule("no_followup", days=30, days_a=45)
        level_d = self._owned("按期回收客户")
        level_a = self._owned("重要客户", importance="3")
        followed = self._owned("有跟进客户")
        contact = self.Partner.create({"name": "联系人", "parent_id": level_d.id})
        # What a follow-up (dealer_crm_field) sets; its own tests record one.
        followed.last_followup_date = datetime(2026, 1, 20, 2, 0)
        rows = self._forecast(level_d | level_a | followed)
        self.assertEqual(rows[level_d.id]["recycle_date"], date(2026, 1, 31))
        self.assertEqual(rows[level_a.id]["recycle_date"], date(2026, 2, 15))
        self.assertEqual(rows[followed.id]["recycle_date"], date(2026, 2, 19))
        # 23:30 in Shanghai on the 30th: not yet.
        self.assertEqual(self._recycle("2026-01-30 15:30:00")[0] and level_d.in_pool, False)
        self.assertEqual(level_d.user_id, self.user_salesperson)
        # 00:30 on the 31st in Shanghai, still the 30th in UTC: due.
        self._recycle("2026-01-30 16:30:00")
        self.assertEqual((level_d.user_id, level_d.pool_id, level_d.in_pool), (self.env["res.users"], self.pool, True))
        self.assertFalse(contact.user_id, "contacts follow the customer into the pool")
        self.assertFalse(level_d.dealer_owner_since)
        log = self._changes(level_d)
        self.assertEqual((log.action, log.from_user_id, log.to_user_id, log.salesperson_id, log.pool_id),
                         ("recycle", self.user_salesperson, self.env["res.users"], self.user_salesperson, self.pool))
        self.assertEqual(log.reason, "No follow-up for 30 days")
        self.assertEqual(log.date, datetime(2026, 1, 30, 16, 30))
        self.assertEqual((level_a | followed).user_id, self.user_salesperson)
        # The run is idempotent: nothing more to do, nothing logged twice.
        self._recycle("2026-01-30 17:00:00")
        self.assertEqual(self._changes(level_d).mapped("action"), ["recycle"])
        self._recycle("2026-02-18 17:00:00")
        self.assertTrue(level_a.in_pool)
        self.assertTrue(followed.in_pool)

    def test_reason_in_the_owner_language(self):
        self.env.ref("base.lang_zh_CN").active = True
        self.env["ir.module.module"]._load_module_terms(["dealer_crm_pool"], ["zh_CN"], overwrite=True)
        self.user_salesperson.lang = "zh_CN"
        self._rule("no_followup", days=30)
        customer = self._owned("中文客户")
        self._recycle("2026-02-01 02:00:00")
        self.assertEqual(self._changes(customer).reason, "30 天未跟进")

    def test_no_order_and_never_won(self):
        self._rule("no_order", days=60, exempt_open_orders=False)
        self._rule("never_won", days=20, exempt_open_orders=False)
        won = self._owned("已成交客户")
        never = self._owned("未成交客户")
        self._order(won, "2026-01-10 02:00:00")
        rows = self._forecast(won | never)
        self.assertEqual((rows[won.id]["rule_type"], rows[won.id]["recycle_date"]), ("no_order", date(2026, 3, 11)))
        self.assertEqual((rows[never.id]["rule_type"], rows[never.id]["recycle_date"]), ("never_won", date(2026, 1, 21)))
        self._recycle("2026-01-21 02:00:00")
        self.assertTrue(never.in_pool)
        self.assertEqual(self._changes(never).reason, "No order won 20 days after taking the customer")
        self.assertFalse(won.in_pool)
        self._recycle("2026-03-11 02:00:00")
        self.assertTrue(won.in_pool)
        self.assertEqual(self._changes(won).reason, "No confirmed order for 60 days")

    def test_exemptions(self):
        self._rule("no_followup", days=30, exempt_won=True, exempt_open_orders=True)
        won = self._owned("成交客户")
        quoting = self._owned("报价中客户")
        idle = self._owned("闲置客户")
        self._order(won, "2026-01-05 02:00:00")
        self._order(quoting, "2026-01-05 02:00:00", confirm=False)
        self._recycle("2026-02-10 02:00:00")
        self.assertEqual((won.in_pool, quoting.in_pool, idle.in_pool), (False, False, True))
        self.rules["no_followup"].write({"exempt_won": False})
        self.assertNotIn(won.id, self._forecast(won), "still exempt: its order is not invoiced yet")
        self.rules["no_followup"].write({"exempt_open_orders": False})
        self._recycle("2026-02-10 03:00:00")
        self.assertTrue(won.in_pool)
        self.assertTrue(quoting.in_pool)

    def test_manual_change_of_owner_restarts_the_clock(self):
        self._rule("no_followup", days=30)
        moved = self._owned("换人客户")
        written = self._owned("表单改负责人客户")
        with freeze_time("2026-01-25 02:00:00"):
            moved.with_user(self.user_manager).action_pool_transfer(self.user_salesperson_b.id)
            with self.assertRaises(AccessError):
                written.with_user(self.user_salesperson).write({"user_id": self.user_salesperson_b.id})
            with Form(written.with_user(self.user_manager), view="dealer_crm.res_partner_view_form_dealer") as form:
                form.user_id = self.user_salesperson_b
        log = self._changes(written)
        self.assertEqual((log.action, log.from_user_id, log.to_user_id, log.user_id),
                         ("transfer", self.user_salesperson, self.user_salesperson_b, self.user_manager))
        self.assertEqual(written.dealer_owner_since, datetime(2026, 1, 25, 2, 0))
        self._recycle("2026-02-01 02:00:00")
        self.assertFalse((moved | written).filtered("in_pool"))
        self.assertEqual(self._forecast(moved)[moved.id]["recycle_date"], date(2026, 2, 24))

    def test_protection_after_a_claim(self):
        self._rule("no_followup", days=30)
        self.pool.claim_protection_days = 45
        customer = self._create_customer("公海客户", None, region=self.region_pudong)
        customer.pool_id = self.pool
        with freeze_time("2026-01-01 02:00:00"):
            customer.with_user(self.user_salesperson).action_pool_claim()
        self.assertEqual(customer.dealer_protected_until, datetime(2026, 2, 15, 2, 0))
        self._recycle("2026-02-05 02:00:00")
        self.assertEqual(customer.user_id, self.user_salesperson, "protected for 45 days")
        self._recycle("2026-02-15 02:00:00")
        self.assertTrue(customer.in_pool)

    def test_warnings(self):
        self._rule("no_followup", days=30)
        customer = self._owned("即将回收客户")
        later = self._owned("稍后回收客户", since=datetime(2026, 1, 10))
        warning_type = self.env.ref("dealer_crm_pool.mail_activity_type_dealer_pool_warning")

        def warnings(record):
            return self.env["mail.activity"].search([
                ("res_model", "=", "res.partner"), ("res_id", "=", record.id),
                ("activity_type_id", "=", warning_type.id),
            ])

        self._recycle("2026-01-27 02:00:00")
        self.assertFalse(warnings(customer), "three days before the 31st, not four")
        self._recycle("2026-01-28 02:00:00")
        warning = warnings(customer)
        self.assertEqual((warning.user_id, warning.date_deadline), (self.user_salesperson, date(2026, 1, 30)))
        self.assertEqual(warning.summary, "Enters the public pool on 2026-01-31")
        self.assertIn("No follow-up for 30 days", warning.note)
        self.assertFalse(warnings(later))
        about_to_enter = self.env["dealer.pool.forecast"].with_user(self.user_salesperson)
        with freeze_time("2026-01-28 02:00:00"):
            self.assertIn(customer, about_to_enter.search([("warning_at", "<=", "now")]).partner_id)
            self.assertNotIn(later, about_to_enter.search([("warning_at", "<=", "now")]).partner_id)
        self.assertFalse(about_to_enter.with_user(self.user_salesperson_b).search([("partner_id", "=", customer.id)]))
        self._recycle("2026-01-29 02:00:00")
        self.assertEqual(warnings(customer), warning, "one warning, not one a day")
        # A follow-up restarts the clock: the warning goes at the next run.
        customer.last_followup_date = datetime(2026, 1, 29, 3, 0)
        self._recycle("2026-01-29 04:00:00")
        self.assertFalse(warnings(customer))
        self._recycle("2026-02-06 02:00:00")
        self.assertTrue(warnings(later))
        self._recycle("2026-02-09 02:00:00")
        self.assertTrue(later.in_pool)
        self.assertFalse(warnings(later), "the warning goes with the customer")

    def test_preview_matches_the_next_run(self):
        self._rule("no_followup", days=30)
        due = self._owned("下次回收客户")
        self._owned("以后回收客户", since=datetime(2026, 1, 20))
        cron = self.env.ref("dealer_crm_pool.ir_cron_dealer_pool_recycle")
        cron.nextcall = "2026-02-01 18:00:00"
        with freeze_time("2026-02-01 10:00:00"):
            self.assertEqual(self.pool.recycle_due_count, 1)
            action = self.pool.action_preview_recycling()
            preview = self.env["dealer.pool.forecast"].search(action["domain"])
            self.assertEqual(preview.partner_id, due)
            self.assertEqual(preview.reason, "No follow-up for 30 days")
            self.assertEqual(due.dealer_recycle_date, date(2026, 1, 31))
        recycled, _warnings = self._recycle("2026-02-01 18:00:00")
        self.assertGreaterEqual(recycled, 1)
        self.assertEqual(self.Log.search([("action", "=", "recycle"), ("pool_id", "=", self.pool.id)]).partner_id, due)

    def test_rules_of_the_pool_the_customer_goes_to(self):
        north = self.env["dealer.pool"].create({"name": "华北公海", "region_ids": [Command.set(self.region_north.ids)]})
        self._rule("no_followup", days=30)
        northern = self._owned("北方客户", region=self.region_north)
        eastern = self._owned("华东客户")
        self._recycle("2026-03-01 02:00:00")
        self.assertFalse(northern.in_pool, "the north pool recycles nothing")
        self.assertTrue(eastern.in_pool)
        north.rule_ids.filtered(lambda rule: rule.rule_type == "no_followup").active = True
        self._recycle("2026-03-01 03:00:00")
        self.assertEqual(northern.pool_id, north)

    def test_rule_settings_are_checked(self):
        self.assertEqual(set(self.rules), {"no_followup", "no_order", "never_won"})
        self.assertFalse(any(rule.active for rule in self.rules.values()), "rules are off until a manager sets them")
        with self.assertRaises(CheckViolation), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.rules["no_followup"].days = 0
            self.env.flush_all()
        with self.assertRaises(UniqueViolation), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env["dealer.pool.rule"].create({"pool_id": self.pool.id, "rule_type": "no_order", "days": 5})
            self.env.flush_all()


class TestDealerPoolHiddenDetails(DealerPoolCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls.env["dealer.pool"].create({
            "name": "隐藏公海", "region_ids": [Command.set(cls.region_east.ids)], "hide_contact_details": True,
            "member_team_ids": [Command.set(cls.team.ids)], "daily_claim_limit": 0,
        })
        cls.customer = cls._create_customer("保密客户", None, region=cls.region_pudong, phone="021-5888 0001",
                                            email="boss@baomi.cn", street="浦东大道 100 号")
        cls.contact = cls.Partner.create({"name": "保密联系人", "parent_id": cls.customer.id,
                                          "phone": "138 0000 0001", "email": "li@baomi.cn"})
        cls.customer.pool_id = cls.pool

    def _read(self, user, records, fnames=("phone", "email", "street", "email_normalized", "phone_sanitized")):
        return {values["id"]: values for values in records.with_user(user).read(list(fnames))}

    def test_hidden_until_claimed(self):
        seen = self._read(self.user_salesperson, self.customer | self.contact)
        self.assertEqual(
            {key: value for key, value in seen[self.customer.id].items() if key != "id"},
            dict.fromkeys(("phone", "email", "street", "email_normalized", "phone_sanitized"), False),
        )
        self.assertFalse(seen[self.contact.id]["phone"])
        web = self.customer.with_user(self.user_salesperson).web_read({"phone": {}, "name": {}})[0]
        self.assertEqual((web["phone"], web["name"]), (False, "保密客户"))
        self.user_salesperson.group_ids += self.env.ref("base.group_allow_export")
        exported = self.customer.with_user(self.user_salesperson).export_data(["name", "phone", "email"])["datas"]
        self.assertEqual(exported, [["保密客户", "", ""]])
        by_manager = self._read(self.user_manager, self.customer)
        self.assertEqual(by_manager[self.customer.id]["phone"], "021-5888 0001")
        self.customer.with_user(self.user_salesperson).action_pool_claim()
        seen = self._read(self.user_salesperson, self.customer | self.contact)
        self.assertEqual((seen[self.customer.id]["email"], seen[self.contact.id]["phone"]),
                         ("boss@baomi.cn", "138 0000 0001"))

    def test_pools_not_hiding_show_everything(self):
        self.pool.hide_contact_details = False
        self.assertEqual(self._read(self.user_salesperson, self.customer)[self.customer.id]["street"], "浦东大道 100 号")

    def test_cap_with_or_without_won_customers(self):
        owned = self.Partner.search_count([("user_id", "=", self.user_salesperson.id), ("is_dealer", "=", True),
                                           ("is_company", "=", True)])
        won = self._create_customer("成交客户", self.user_salesperson)
        self.env["sale.order"].create({
            "partner_id": won.id,
            "order_line": [Command.create({"product_id": self.env["product.product"].create({"name": "门锁"}).id})],
        }).action_confirm()
        self.user_salesperson.dealer_customer_cap = owned + 1
        with self.assertRaises(UserError):
            self.customer.with_user(self.user_salesperson).action_pool_claim()
        self.env.company.dealer_cap_counts_won = False
        self.customer.with_user(self.user_salesperson).action_pool_claim()
        self.assertEqual(self.customer.user_id, self.user_salesperson)
