from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_crm.tests.test_translations import TranslationsMixin


@tagged("post_install", "-at_install")
class TestTranslations(TranslationsMixin, TransactionCase):
    allow_inherited_tests_method = True
    module = "dealer_crm_portal"
