from odoo.tests import HttpCase, tagged

from .common import DealerPoolCommon


@tagged("post_install", "-at_install")
class TestDealerPoolUiMobile(HttpCase, DealerPoolCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_salesperson_claims_from_the_pool_phone(self):
        pool = self.env["dealer.pool"].create({"name": "测试公海"})
        customer = self._create_customer("公海五金商行", None, pool_id=pool.id)
        self.start_tour("/odoo/dealer-pool", "dealer_crm_pool_claim_mobile", login=self.user_salesperson.login)
        self.assertEqual(customer.user_id, self.user_salesperson)
        self.assertEqual(customer.dealer_owner_log_ids.action, "claim")
