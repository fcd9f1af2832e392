from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.test_rules_access import AccessTableMixin

from .common import DealerSalesCommon


@tagged("post_install", "-at_install")
class TestSaleRulesAccess(AccessTableMixin, DealerSalesCommon):
    """Salespeople draft agreements and read their sales figures; the back
    office reads agreements; the facts are managers' reading."""

    allow_inherited_tests_method = True
    module = "dealer_crm_sale"
    access = {
        "dealer.agreement": ("rwc-", "rwcu", "r---", "rwcu"),
        "dealer.agreement.clause": ("rwcu", "rwcu", "r---", "rwcu"),
        "dealer.agreement.rebate.tier": ("rwcu", "rwcu", "r---", "rwcu"),
        "dealer.agreement.template": ("r---", "r---", "r---", "rwcu"),
        "dealer.agreement.template.clause": ("r---", "r---", "r---", "rwcu"),
        "dealer.reason.wizard": ("rwcu", "rwcu", "rwcu", "rwcu"),
        "dealer.sales.fact": ("----", "r---", "----", "r---"),
        "dealer.sales.summary": ("r---", "r---", "r---", "r---"),
    }

    def test_wizards_are_their_creators(self):
        """A wizard holds what its user typed (a reason): nobody else reads it."""
        self.assertWizardsAreTheirCreators(
            ("dealer.reason.wizard", {"action": "return_order", "res_id": 1, "reason": "客户要求改价"},
             self.user_salesperson, self.user_salesperson_b),
        )
