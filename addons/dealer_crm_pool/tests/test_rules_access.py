from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.test_rules_access import AccessTableMixin

from .common import DealerPoolCommon


@tagged("post_install", "-at_install")
class TestPoolRulesAccess(AccessTableMixin, DealerPoolCommon):
    """Salespeople read the pools and their rules and claim through the
    wizard; administrators set the pools up; the forecast is read-only."""

    allow_inherited_tests_method = True
    module = "dealer_crm_pool"
    access = {
        "dealer.pool": ("r---", "r---", "----", "rwcu"),
        "dealer.pool.change.wizard": ("rwcu", "rwcu", "----", "rwcu"),
        "dealer.pool.forecast": ("r---", "r---", "----", "r---"),
        "dealer.pool.rule": ("r---", "r---", "----", "rwcu"),
    }

    def test_wizards_are_their_creators(self):
        self.assertWizardsAreTheirCreators((
            "dealer.pool.change.wizard", {"action": "transfer", "partner_ids": [Command.set(self.customer_a.ids)],
                                          "reason": "离职交接"}, self.user_manager, self.user_salesperson,
        ))
