from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.test_home_action import DealerHomeActionCommon


@tagged("post_install", "-at_install")
class TestDealerReportsHomeAction(DealerHomeActionCommon):

    def test_managers_land_on_the_dashboard(self):
        dashboard = self.env.ref("dealer_crm_reports.dealer_sales_dashboard_action")
        for manager in (self.user_manager, self.user_admin):
            self.assertEqual(self._home_action_id(manager), dashboard.id, manager.login)
        action = self.make_jsonrpc_request("/web/action/load", {"action_id": dashboard.id})
        self.assertEqual(action["tag"], "dealer_crm_reports.sales_dashboard", "the manager may open it")

    def test_salesperson_still_lands_on_my_day(self):
        self.assertEqual(self._home_action_id(self.user_salesperson),
                         self.env.ref("dealer_crm_field.dealer_agenda_action_server").id)

    def test_managers_own_home_action_wins(self):
        my_day = self.env.ref("dealer_crm_field.dealer_agenda_action_server")
        self.user_manager.with_user(self.user_manager).write({"action_id": my_day.id})
        self.assertEqual(self._home_action_id(self.user_manager), my_day.id)
