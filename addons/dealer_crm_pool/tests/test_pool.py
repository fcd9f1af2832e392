import random
import threading
import time
import uuid
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.orm.environments import Transaction
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.dealer_crm.tools.guard import as_action

from ..models import dealer_pool
from .common import DealerPoolCommon


class TestDealerPool(DealerPoolCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls._create_east_pool(daily_claim_limit=2, reclaim_cooldown_days=30)
        cls.pool_north = cls.env["dealer.pool"].create({"name": "华北公海", "region_ids": [Command.set(cls.region_north.ids)]})
        cls.pooled = cls.env["res.partner"]
        for index in range(4):
            cls.pooled |= cls._create_customer(f"公海客户{index}", None, region=cls.region_pudong)
        cls.pooled.write({"pool_id": cls.pool.id})

    def _claim(self, customers, user=None):
        return customers.with_user(user or self.user_salesperson).action_pool_claim()

    def test_claim_and_log(self):
        customer = self.pooled[0]
        self.assertTrue(customer.in_pool)
        self._claim(customer | self.env["res.partner"].create({"name": "联系人", "parent_id": customer.id}))
        self.assertEqual(customer.user_id, self.user_salesperson)
        self.assertFalse(customer.pool_id)
        self.assertFalse(customer.in_pool)
        self.assertTrue(customer.dealer_owner_since)
        self.assertEqual(customer.child_ids.user_id, self.user_salesperson, "contacts follow the owner")
        log = customer.dealer_owner_log_ids
        self.assertEqual((log.action, log.pool_id, log.from_user_id, log.to_user_id, log.user_id),
                         ("claim", self.pool, self.env["res.users"], self.user_salesperson, self.user_salesperson))
        with self.assertRaises(UserError) as caught:
            self._claim(customer, self.user_salesperson_b)
        self.assertIn("张伟", str(caught.exception))

    def test_claimed_a_moment_ago(self):
        """Over RPC, the second claimer can no longer read a customer that
        someone claimed a moment before: a message, not an access error."""
        customer = self.pooled[0]
        self._claim(customer)
        self.env.invalidate_all()
        with self.assertRaises(UserError) as caught:
            self._claim(customer, self.user_salesperson_b)
        self.assertNotIsInstance(caught.exception, AccessError)
        self.assertIn("Someone has just claimed this customer", str(caught.exception))
        self.assertNotIn("张伟", str(caught.exception), "not whose it became")
        self.assertEqual(customer.user_id, self.user_salesperson)
        self.assertEqual(customer.dealer_owner_log_ids.mapped("action"), ["claim"])

    def test_members_only(self):
        with self.assertRaises(UserError):
            self._claim(self.pooled[0], self.user_salesperson_other_team)
        self.pool.member_user_ids = self.user_salesperson_other_team
        self._claim(self.pooled[0], self.user_salesperson_other_team)

    def test_daily_limit_is_the_local_day(self):
        # 23:30 in Shanghai on the 1st, then 00:30 on the 2nd: two different days.
        with freeze_time("2026-03-01 15:30:00"):
            self._claim(self.pooled[:2])
            with self.assertRaises(UserError) as caught:
                self._claim(self.pooled[2])
            self.assertIn("2", str(caught.exception))
        with freeze_time("2026-03-01 16:30:00"):
            self._claim(self.pooled[2])
        self.assertEqual(self.pooled[:3].user_id, self.user_salesperson)

    def test_customer_cap_user_then_team(self):
        owned = self.env["res.partner"].search_count([("user_id", "=", self.user_salesperson.id), ("is_dealer", "=", True),
                                                      ("is_company", "=", True)])
        self.team.dealer_customer_cap = owned + 1
        self._claim(self.pooled[0])
        with self.assertRaises(UserError) as caught:
            self._claim(self.pooled[1])
        self.assertIn(str(owned + 1), str(caught.exception))
        self.user_salesperson.dealer_customer_cap = owned + 5
        self._claim(self.pooled[1])

    def test_reclaim_cooldown(self):
        customer = self.pooled[0]
        with freeze_time("2026-03-01 02:00:00"):
            self._claim(customer)
            customer.with_user(self.user_salesperson).action_pool_release(self.pool.id, "客户暂无需求")
        self.assertEqual(customer.pool_id, self.pool)
        self.assertFalse(customer.user_id)
        with freeze_time("2026-03-20 02:00:00"):
            with self.assertRaises(UserError):
                self._claim(customer)
            self._claim(customer, self.user_salesperson_b)
            customer.with_user(self.user_salesperson_b).action_pool_release(self.pool.id, "转给同事")
        with freeze_time("2026-04-02 02:00:00"):
            self._claim(customer)
        self.assertEqual(customer.dealer_owner_log_ids.mapped("action"), ["claim", "release", "claim", "release", "claim"])
        statistics = {
            (salesperson, action): count for salesperson, action, count in self.env["dealer.owner.log"]._read_group(
                [("partner_id", "=", customer.id)], ["salesperson_id", "action"], ["__count"],
            )
        }
        self.assertEqual(statistics, {
            (self.user_salesperson, "claim"): 2, (self.user_salesperson, "release"): 1,
            (self.user_salesperson_b, "claim"): 1, (self.user_salesperson_b, "release"): 1,
        })

    def test_release_rules(self):
        customer = self.customer_a
        with self.assertRaises(UserError):
            customer.with_user(self.user_salesperson).action_pool_release(self.pool.id, "  ")
        with self.assertRaises(AccessError):
            customer.with_user(self.user_salesperson_b).sudo(False).action_pool_release(self.pool.id, "不是我的")
        customer.with_user(self.user_salesperson).action_pool_release(self.pool.id, "半年未下单")
        log = self._changes(customer)
        self.assertEqual((log.action, log.from_user_id, log.reason), ("release", self.user_salesperson, "半年未下单"))

    def test_assign_by_managers_over_caps(self):
        self.user_salesperson_b.dealer_customer_cap = 1
        with self.assertRaises(AccessError):
            self.pooled[0].with_user(self.user_salesperson).action_pool_assign(self.user_salesperson_b.id)
        self.pooled[:2].with_user(self.user_manager).action_pool_assign(self.user_salesperson_b.id)
        self.assertEqual(self.pooled[:2].user_id, self.user_salesperson_b)
        self.assertEqual(set(self.pooled[:2].dealer_owner_log_ids.mapped("user_id")), {self.user_manager})

    def test_transfer_carries_the_running_work(self):
        customer = self.customer_a
        quotation = self.env["sale.order"].with_user(self.user_salesperson).create({"partner_id": self.contact_a.id})
        activity = customer.activity_schedule("mail.mail_activity_data_todo", user_id=self.user_salesperson.id)
        customer.with_user(self.user_manager).action_pool_transfer(self.user_salesperson_b.id)
        self.assertEqual(customer.user_id, self.user_salesperson_b)
        self.assertEqual(self.contact_a.user_id, self.user_salesperson_b)
        self.assertEqual(quotation.sudo().user_id, self.user_salesperson_b)
        self.assertEqual(activity.user_id, self.user_salesperson_b)
        log = self._changes(customer)
        self.assertEqual((log.action, log.from_user_id, log.to_user_id), ("transfer", self.user_salesperson,
                                                                          self.user_salesperson_b))
        self.assertTrue(log.with_user(self.user_salesperson).read(["action"]), "the previous owner sees the change")

    def test_pools_stay_while_they_hold_customers(self):
        with self.assertRaises(UserError):
            self.pool.action_archive()
        self.pooled.with_user(self.user_manager).action_pool_assign(self.user_salesperson.id)
        self.pool.action_archive()
        self.assertFalse(self.pool.active)
        self.env.cr.execute("UPDATE dealer_pool SET active = false WHERE id != %s", (self.pool_north.id,))
        self.env["dealer.pool"].invalidate_model(["active"])
        with self.assertRaises(UserError):
            self.pool_north.action_archive()

    def test_release_wizard_picks_the_pool_of_the_region(self):
        wizard = self.env["dealer.pool.change.wizard"].with_user(self.user_salesperson).with_context(
            active_model="res.partner", active_ids=self.customer_a.ids,
        ).create({"action": "release", "reason": "不再合作"})
        self.assertEqual(wizard.pool_id, self.pool)
        wizard.action_apply()
        self.assertEqual(self.customer_a.pool_id, self.pool)


@tagged("post_install", "-at_install")
class TestDealerPoolRace(TransactionCase):
    """Two salespeople claim at the same moment, each with a real database
    cursor of their own, as two requests would."""

    def setUp(self):
        super().setUp()
        self.ids = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tag = uuid.uuid4().hex[:8]
            users = [new_test_user(env, f"pool_race_{tag}_{n}", groups="base.group_user,dealer_crm.group_dealer_salesperson",
                                   tz="Asia/Shanghai") for n in range(2)]
            pool = env["dealer.pool"].create({"name": f"竞争公海{tag}", "member_user_ids": [Command.set([u.id for u in users])],
                                              "daily_claim_limit": 0})
            customers = env["res.partner"].create([
                {"name": f"抢手客户{n}", "is_company": True, "is_dealer": True, "pool_id": pool.id} for n in range(3)
            ])
            self.ids = {"users": [u.id for u in users], "pool": pool.id, "customers": customers.ids}
        self.addCleanup(self._clean)

    def _clean(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            customers = env["res.partner"].browse(self.ids["customers"])
            env["dealer.owner.log"].search([("partner_id", "in", customers.ids)]).unlink()
            env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "in", customers.ids)]).unlink()
            customers.unlink()
            cr.execute("DELETE FROM dealer_pool WHERE id = %s", (self.ids["pool"],))
            users = env["res.users"].browse(self.ids["users"])
            partners = users.partner_id
            users.unlink()
            partners.unlink()

    def _in_threads(self, calls):
        """Run each (user id, function of an environment) in its own thread
        and transaction, all starting together; return what each returned,
        or the message of the error it raised."""
        barrier = threading.Barrier(len(calls))
        results = [None] * len(calls)

        def run(index, user_id, function):
            with self.registry.cursor() as cr:
                # Registry(dbname) would wait on the registry lock the test runner holds.
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, user_id, {"lang": "en_US"})
                barrier.wait(timeout=10)
                try:
                    results[index] = function(env)
                except UserError as error:
                    cr.rollback()
                    results[index] = str(error)

        threads = [threading.Thread(target=run, args=(index, *call)) for index, call in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return results

    def _race(self, claims):
        """Run each (user id, customer ids) claim in its own thread and
        transaction, all starting together; return what each got."""
        def claim(customer_ids):
            def run(env):
                # As Odoo's request handler does: retry on serialization failures.
                for _attempt in range(MAX_TRIES_ON_CONCURRENCY_FAILURE):
                    try:
                        env["res.partner"].browse(customer_ids).action_pool_claim()
                        env.flush_all()
                        env.cr.commit()
                        return "claimed"
                    except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                        env.cr.rollback()
                        env.transaction.clear()
                        time.sleep(random.uniform(0.05, 0.3))
                return None
            return run

        return self._in_threads([(user_id, claim(customer_ids)) for user_id, customer_ids in claims])

    def test_one_winner(self):
        first, second = self.ids["users"]
        customer = self.ids["customers"][:1]
        results = self._race([(first, customer), (second, customer)])
        self.assertEqual(results.count("claimed"), 1, results)
        loser = next(result for result in results if result != "claimed")
        self.assertTrue("already belongs to" in loser or "at this very moment" in loser, loser)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(env["dealer.owner.log"].search_count([("partner_id", "in", customer)]), 1)

    def test_parallel_claims_never_exceed_the_cap(self):
        first, _second = self.ids["users"]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["res.users"].browse(first).dealer_customer_cap = 1
        customers = self.ids["customers"]
        results = self._race([(first, customers[1:2]), (first, customers[2:3])])
        self.assertEqual(results.count("claimed"), 1, results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(env["res.partner"].search_count([("user_id", "=", first)]), 1)

    def test_two_recycling_runs_at_once(self):
        """Two workers run the recycling together, in batches that commit:
        each due customer is recycled once and each owner warned once."""
        owner = self.ids["users"][0]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            pool = env["dealer.pool"].browse(self.ids["pool"])
            pool.write({"warning_days": 5})
            pool.with_context(active_test=False).rule_ids.filtered(
                lambda rule: rule.rule_type == "no_followup").write({"active": True, "days": 30})
            customers = env["res.partner"].browse(self.ids["customers"])
            customers.write({"pool_id": False})
            as_action(customers).write({"user_id": owner})
            # Scoped to nothing, the pool would take the other customers of the database: scope it to a channel.
            channel = env["dealer.channel"].create({"name": f"竞争渠道{uuid.uuid4().hex[:8]}"})
            self.addCleanup(self._drop_channel, channel.id)
            pool.channel_ids = channel
            customers.write({"dealer_channel_id": channel.id})
            now = fields.Datetime.now()
            customers[:2].write({"dealer_owner_since": now - timedelta(days=40)})
            customers[2:].write({"dealer_owner_since": now - timedelta(days=28)})
        with patch.object(dealer_pool, "RECYCLE_BATCH_SIZE", 1):
            results = self._in_threads([
                (api.SUPERUSER_ID, lambda env: env["dealer.pool"]._recycle(commit=True)),
                (api.SUPERUSER_ID, lambda env: env["dealer.pool"]._recycle(commit=True)),
            ])
        self.assertTrue(all(isinstance(result, tuple) for result in results), results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            customers = env["res.partner"].browse(self.ids["customers"])
            self.assertEqual(customers.mapped("in_pool"), [True, True, False])
            logs = env["dealer.owner.log"].search([("partner_id", "in", customers.ids), ("action", "=", "recycle")])
            self.assertEqual(sorted(logs.partner_id.ids), sorted(customers[:2].ids))
            warnings = env["mail.activity"].search([
                ("res_model", "=", "res.partner"), ("res_id", "in", customers.ids),
                ("activity_type_id", "=", env.ref("dealer_crm_pool.mail_activity_type_dealer_pool_warning").id),
            ])
            self.assertEqual((warnings.res_id, warnings.user_id.id), (customers[2].id, owner))

    def _drop_channel(self, channel_id):
        with self.registry.cursor() as cr:
            cr.execute("UPDATE res_partner SET dealer_channel_id = NULL WHERE dealer_channel_id = %s", (channel_id,))
            cr.execute("DELETE FROM dealer_channel WHERE id = %s", (channel_id,))
