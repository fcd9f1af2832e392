from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_crm.tests.test_views import ViewWidgetsMixin


@tagged("post_install", "-at_install")
class TestViewWidgets(ViewWidgetsMixin, TransactionCase):
    allow_inherited_tests_method = True
    module = "dealer_crm_sale"
