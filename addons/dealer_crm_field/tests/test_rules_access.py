from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon
from odoo.addons.dealer_crm.tests.test_rules_access import AccessTableMixin


@tagged("post_install", "-at_install")
class TestFieldRulesAccess(AccessTableMixin, DealerCrmCommon):
    """Salespeople record their field work; the back office reads it; My
    Day and the check-in report are read-only for everyone."""

    allow_inherited_tests_method = True
    module = "dealer_crm_field"
    access = {
        "dealer.agenda": ("r---", "r---", "----", "r---"),
        "dealer.checkin": ("r-c-", "rwcu", "r---", "rwcu"),
        "dealer.checkin.photo": ("r-c-", "rwcu", "r---", "rwcu"),
        "dealer.checkin.report": ("r---", "r---", "r---", "r---"),
        "dealer.followup": ("rwcu", "rwcu", "r---", "rwcu"),
    }
