from datetime import datetime

from freezegun import freeze_time

from odoo.addons.dealer_crm_sale.tests.test_agreement import TestDealerAgreementCommon

from .common import DealerPoolCommon


class TestPoolAgreement(TestDealerAgreementCommon, DealerPoolCommon):
    """A pool's rules may leave the customers with an active agreement to their owner."""

    def test_agreement_keeps_the_customer_out_of_the_pool(self):
        pool = self._create_east_pool()
        pool.with_context(active_test=False).rule_ids.filtered(
            lambda rule: rule.rule_type == "no_followup").write({"active": True, "days": 30})
        self.customer_a.dealer_owner_since = datetime(2026, 1, 1)
        self._activate(self._agreement())
        with freeze_time("2026-03-01 02:00:00"):
            self.env["dealer.pool"]._recycle()
        self.assertEqual(self.customer_a.user_id, self.user_salesperson)
        pool.rule_ids.write({"exempt_agreement": False})
        with freeze_time("2026-03-01 03:00:00"):
            self.env["dealer.pool"]._recycle()
        self.assertTrue(self.customer_a.in_pool)
