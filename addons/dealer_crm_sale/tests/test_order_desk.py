from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_agreement import TestDealerOrderDeskCommon


# Invoices need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestDealerOrderDesk(TestDealerOrderDeskCommon):

    def _desk_activities(self, order):
        return order.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref("dealer_crm_sale.mail_activity_type_dealer_order_desk"))

    def test_round_trip_through_the_back_office(self):
        order = self._quotation()
        with self.assertRaises(AccessError):
            order.with_user(self.user_salesperson).action_confirm()
        order.with_user(self.user_salesperson).action_dealer_submit()
        self.assertEqual(order.dealer_back_office_state, "submitted")
        self.assertEqual(order.dealer_submitted_by_id, self.user_salesperson)
        self.assertEqual(self._desk_activities(order).user_id, self.user_back_office)
        with self.assertRaises(UserError):
            order.with_user(self.user_salesperson).action_dealer_submit()
        with self.assertRaises(AccessError):
            order.with_user(self.user_salesperson).action_dealer_return("价格不对")
        with self.assertRaises(UserError):
            order.with_user(self.user_back_office).action_dealer_return(" ")
        wizard = self.env["dealer.reason.wizard"].with_user(self.user_back_office).create({
            "action": "return_order", "res_id": order.id, "reason": "合页单价低于经销价，请核对后重新提交",
        })
        wizard.action_confirm()
        self.assertEqual((order.dealer_back_office_state, order.dealer_return_reason),
                         ("returned", "合页单价低于经销价，请核对后重新提交"))
        self.assertFalse(self._desk_activities(order))
        back = order.activity_ids.filtered(lambda activity: activity.user_id == self.user_salesperson)
        self.assertIn("合页单价", back.note)
        order.with_user(self.user_salesperson).action_dealer_submit()
        self.assertFalse(order.dealer_return_reason)
        order.with_user(self.user_back_office).action_confirm()
        self.assertEqual((order.state, order.dealer_back_office_state), ("sale", "confirmed"))
        self.assertFalse(self._desk_activities(order))

    def test_salespeople_confirm_when_the_company_allows(self):
        self.env.company.dealer_orders_through_back_office = False
        order = self._quotation()
        order.with_user(self.user_salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.dealer_back_office_state)

    def test_credit_limit(self):
        self._activate(self._agreement(credit_limit=1000))
        invoiced = self._quotation(800).with_env(self.env)
        invoiced.action_confirm()
        invoiced._create_invoices().action_post()
        order = self._quotation(300)
        with self.assertRaises(UserError) as caught:
            order.with_user(self.user_salesperson).action_dealer_submit()
        self.assertIn("credit limit", str(caught.exception))
        with self.assertRaises(AccessError):
            order.with_user(self.user_salesperson).action_dealer_submit_over_credit()
        order.with_user(self.user_manager).action_dealer_submit_over_credit()
        self.assertEqual((order.dealer_back_office_state, order.dealer_credit_override_by_id),
                         ("submitted", self.user_manager))
        self.assertTrue(order.message_ids.filtered(lambda message: "over the credit limit by 王建国" in str(message.body)))
        within = self._quotation(150)
        within.with_user(self.user_salesperson).action_dealer_submit()
        self.assertFalse(within.dealer_credit_override_by_id)

    def test_queue_filters_follow_invoices(self):
        order = self._quotation(500)
        order.with_user(self.user_salesperson).action_dealer_submit()
        order.with_user(self.user_back_office).action_confirm()
        Desk = self.env["sale.order"].with_user(self.user_back_office)
        self.assertIn(order, Desk.search([("dealer_payment_state", "in", ("not_invoiced",))]))
        order.with_env(self.env)._create_invoices().action_post()
        self.assertEqual(order.dealer_payment_state, "not_paid")
        self.assertIn(order, Desk.search([("dealer_payment_state", "in", ("not_paid", "partial"))]))
        self.assertNotIn(order, Desk.search([("dealer_payment_state", "in", ("not_invoiced",))]))
