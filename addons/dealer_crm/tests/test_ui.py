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

