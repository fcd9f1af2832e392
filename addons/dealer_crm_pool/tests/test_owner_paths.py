from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.common import shanghai_day, shanghai_now
from odoo.addons.dealer_crm_sale.tests.common import DealerSalesFactsCommon

from .common import DealerPoolCommon


# Payments need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestPoolOwnerPaths(DealerSalesFactsCommon, DealerPoolCommon):

    def test_every_owner_path_logs_and_counts_alike(self):
        """Releasing, claiming, assigning and recycling go through
        ``_dealer_change_owner`` as creating, importing and a manager's
        edits do: the same moves of the same customers leave the same log
        rows and the same facts, and the facts stay equal to those rebuilt
        from the sources."""
        pool = self._create_east_pool(daily_claim_limit=0, reclaim_cooldown_days=0, claim_protection_days=0)
        by_form, by_import = self._created_and_transferred()
        # Back through the pool: released and claimed, released and assigned.
        by_form.with_user(self.user_salesperson_b).action_pool_release(pool.id, "客户暂停进货")
        by_form.with_user(self.user_salesperson).action_pool_claim()
        by_import.with_user(self.user_salesperson_b).action_pool_release(pool.id, "客户暂停进货")
        by_import.with_user(self.user_manager).action_pool_assign(self.user_salesperson.id)
        self.assertFactsCurrent()
        common = [("create", False, "张伟", "张伟"), ("transfer", "张伟", "李娜", "李娜"),
                  ("release", "李娜", False, "李娜")]
        self.assertEqual(self._owner_history(by_form), [*common, ("claim", False, "张伟", "张伟")])
        self.assertEqual(self._owner_history(by_import), [*common, ("assign", False, "张伟", "张伟")])
        self.assertEqual((by_form | by_import).dealer_owner_log_ids.filtered(
            lambda log: log.action in ("release", "claim", "assign")).pool_id, pool)
        for customer in by_form | by_import:
            self.assertEqual(set(self._amounts("new_customers", partner_id=customer.id)),
                             {("张伟", str(shanghai_day(customer.create_date))), ("李娜", str(shanghai_now().date()))})

        # Recycled when idle: logged, and the facts still hold.
        pool.with_context(active_test=False).rule_ids.filtered(
            lambda rule: rule.rule_type == "no_followup").write({"active": True, "days": 30})
        with freeze_time(fields.Datetime.now() + timedelta(days=365)):
            self.env["dealer.pool"]._recycle()
        self.assertEqual((by_form | by_import).mapped("in_pool"), [True, True])
        self.assertEqual([self._owner_history(customer)[-1][0] for customer in by_form | by_import],
                         ["recycle", "recycle"])
        self.assertFactsCurrent()
