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

    def test_salesperson_checks_in_phone(self):
        self.customer_a.write({"partner_latitude": 31.2304, "partner_longitude": 121.4737})
        self.start_tour("/odoo/dealer-customers", "dealer_crm_checkin_mobile", login=self.user_salesperson.login)
        checkin = self.env["dealer.checkin"].search([("partner_id", "=", self.customer_a.id)])
        self.assertEqual(checkin.user_id, self.user_salesperson)
        self.assertAlmostEqual(checkin.distance, 77, delta=3)
        self.assertEqual(checkin.accuracy, 12)
        self.assertTrue(checkin.photo_ids.image)
        self.assertTrue(checkin.flag_stale_photo, "a photo without EXIF time")

    def test_salesperson_claims_from_the_pool_phone(self):
        pool = self.env["dealer.pool"].create({"name": "测试公海"})
        customer = self._create_customer("公海五金商行", None, pool_id=pool.id)
        self.start_tour("/odoo/dealer-pool", "dealer_crm_pool_claim_mobile", login=self.user_salesperson.login)
        self.assertEqual(customer.user_id, self.user_salesperson)
        self.assertEqual(customer.dealer_pool_log_ids.action, "claim")
