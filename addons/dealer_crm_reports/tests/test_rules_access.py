from odoo.tests import tagged

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesCommon
from odoo.addons.dealer_crm.tests.test_rules_access import AccessTableMixin


@tagged("post_install", "-at_install")
class TestReportsRulesAccess(AccessTableMixin, DealerSalesCommon):
    """The analyses are read-only for every role."""

    allow_inherited_tests_method = True
    module = "dealer_crm_reports"
    access = {
        "dealer.customer.distribution.report": ("r---", "r---", "r---", "r---"),
        "dealer.customer.ranking": ("r---", "r---", "r---", "r---"),
        "dealer.sales.analysis": ("r---", "r---", "r---", "r---"),
        "dealer.sales.leaderboard": ("r---", "r---", "r---", "r---"),
        "dealer.salesperson.performance": ("r---", "r---", "r---", "r---"),
        "dealer.stock.analysis": ("r---", "r---", "r---", "r---"),
        "dealer.stock.report.missing": ("r---", "r---", "r---", "r---"),
    }
