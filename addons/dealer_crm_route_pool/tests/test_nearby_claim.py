from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_crm_pool.tests.common import DealerPoolCommon

# 300 m north of where the phone is (上海, People's Square).
POOL_CUSTOMER_PIN = (31.2331, 121.4737)


@tagged("post_install", "-at_install")
class TestNearbyClaimMobile(HttpCase, DealerPoolCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_salesperson_claims_a_pool_customer_near_him_and_plans_it(self):
        pool = self.env["dealer.pool"].create({"name": "测试公海"})
        customer = self._create_customer(
            "公海五金机电商行", None, pool_id=pool.id,
            partner_latitude=POOL_CUSTOMER_PIN[0], partner_longitude=POOL_CUSTOMER_PIN[1])
        [row] = [row for row in self.env["res.partner"].with_user(self.user_salesperson).dealer_nearby(31.2304, 121.4737)
                 if row["id"] == customer.id]
        self.assertTrue(row["in_pool"])
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.env["dealer.visit.plan"].with_user(self.user_salesperson).action_add_to_today(customer.id)
        self.start_tour("/odoo/dealer-plan", "dealer_crm_nearby_claim_mobile", login=self.user_salesperson.login)
        self.assertEqual(customer.user_id, self.user_salesperson)
        self.assertEqual(customer.dealer_owner_log_ids.sorted("id")[-1:].action, "claim")
        plan = self.env["dealer.visit.plan"].search([("user_id", "=", self.user_salesperson.id)])
        self.assertIn(customer, plan.line_ids.partner_id)
        self.assertEqual((plan.start_point, plan.start_latitude, plan.start_longitude),
                         ("position", 31.2304, 121.4737), "planned from where the phone is")
