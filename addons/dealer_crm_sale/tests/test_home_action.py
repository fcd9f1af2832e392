from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.test_home_action import DealerHomeActionCommon

from .common import FactsInvariantMixin


@tagged("post_install", "-at_install")
class TestSaleHomeAction(FactsInvariantMixin, DealerHomeActionCommon):

    def test_back_office_lands_on_the_order_desk(self):
        order_desk = self.env.ref("dealer_crm_sale.sale_order_action_dealer_order_desk")
        self.assertEqual(self._home_action_id(self.user_back_office), order_desk.id)
        action = self.make_jsonrpc_request("/web/action/load", {"action_id": order_desk.id})
        self.assertEqual(action["res_model"], "sale.order", "the back office may open it")

    def test_a_clerk_who_also_sells_lands_as_a_salesperson(self):
        self.user_back_office.group_ids += self.env.ref("dealer_crm.group_dealer_salesperson")
        self.assertEqual(self._home_action_id(self.user_back_office), self.user_back_office._dealer_home_action().id)
        self.assertNotEqual(self.user_back_office._dealer_home_action(),
                            self.env.ref("dealer_crm_sale.sale_order_action_dealer_order_desk"))
