from odoo.tests import HttpCase, new_test_user, tagged

from ..models.res_users import ResUsers as CoreResUsers
from .common import DealerCrmCommon


class DealerHomeActionCommon(HttpCase, DealerCrmCommon):
    """What the web client opens when a user logs in: the session's
    ``home_action_id``, read as the browser reads it."""

    def _home_action_id(self, user):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request("/web/session/get_session_info")["home_action_id"]


@tagged("post_install", "-at_install")
class TestDealerHomeAction(DealerHomeActionCommon):

    def test_salesperson_lands_on_their_customers(self):
        """Without field work, salespeople land on their customers (with it,
        dealer_crm_field sends them to My Day, as its own test checks)."""
        customers = self.env.ref("dealer_crm.res_partner_action_dealer")
        self.assertEqual(CoreResUsers._dealer_home_action(self.user_salesperson), customers)
        self.assertEqual(self._home_action_id(self.user_salesperson), self.user_salesperson._dealer_home_action().id)
        action = self.make_jsonrpc_request("/web/action/load", {"action_id": customers.id})
        self.assertEqual(action["res_model"], "res.partner", "the salesperson may open it")

    def test_back_office_lands_on_the_customers(self):
        """Without the sales addon, the back office lands on the customers it
        reads (with it, on the order desk, as dealer_crm_sale's test checks)."""
        self.assertEqual(CoreResUsers._dealer_home_action(self.user_back_office),
                         self.env.ref("dealer_crm.res_partner_action_dealer"))

    def test_own_home_action_wins(self):
        contacts = self.env.ref("contacts.action_contacts")
        self.user_salesperson.with_user(self.user_salesperson).write({"action_id": contacts.id})
        self.assertEqual(self._home_action_id(self.user_salesperson), contacts.id)
        self.user_back_office.action_id = contacts.id
        self.assertEqual(self._home_action_id(self.user_back_office), contacts.id)

    def test_users_outside_dealer_crm_keep_odoos_default(self):
        employee = new_test_user(self.env, "dealer_home_employee", groups="base.group_user")
        self.assertFalse(self._home_action_id(employee))
