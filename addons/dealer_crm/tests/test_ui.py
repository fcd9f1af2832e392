from odoo.tests import HttpCase, tagged

from .common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestDealerUi(HttpCase, DealerCrmCommon):

    def test_salesperson_sees_own_customers_desktop(self):
        self.start_tour("/odoo/dealer-customers", "dealer_crm_salesperson_customers", login=self.user_salesperson.login)


@tagged("post_install", "-at_install")
class TestDealerUiMobile(HttpCase, DealerCrmCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_salesperson_sees_own_customers_phone(self):
        self.start_tour("/odoo/dealer-customers", "dealer_crm_salesperson_customers_mobile", login=self.user_salesperson.login)

    def test_salesperson_claims_from_the_pool_phone(self):
        pool = self.env["dealer.pool"].create({"name": "测试公海"})
        customer = self._create_customer("公海五金商行", None, pool_id=pool.id)
        self.start_tour("/odoo/dealer-pool", "dealer_crm_pool_claim_mobile", login=self.user_salesperson.login)
        self.assertEqual(customer.user_id, self.user_salesperson)
        self.assertEqual(customer.dealer_pool_log_ids.action, "claim")
