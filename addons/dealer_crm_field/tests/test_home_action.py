from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.test_home_action import DealerHomeActionCommon


@tagged("post_install", "-at_install")
class TestDealerFieldHomeAction(DealerHomeActionCommon):

    def test_salesperson_lands_on_my_day(self):
        my_day = self.env.ref("dealer_crm_field.dealer_agenda_action_server")
        self.assertEqual(self._home_action_id(self.user_salesperson), my_day.id)
        action = self.make_jsonrpc_request("/web/action/run", {"action_id": my_day.id})
        self.assertEqual(action["res_model"], "dealer.agenda", "the salesperson may open it")
        self.assertEqual(action["id"], my_day.id, "the id of My Day's menu: the web client finds the app by it")
        self.assertIn(["user_id", "=", self.user_salesperson.id], action["domain"], "their own day")

    def test_salesperson_lands_on_my_day_in_its_app(self):
        self.start_tour("/odoo", "dealer_crm_home_my_day", login=self.user_salesperson.login)
