"""What each role may do with the team's models, and what its wizards and
templates hold; see dealer_crm's test_rules_access for the table's form."""
import re

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_crm.tests.common import DDE
from odoo.addons.dealer_crm_sale.tests.common import DealerSalesCommon
from odoo.addons.dealer_crm.tests.test_rules_access import AccessTableMixin


@tagged("post_install", "-at_install")
class TestTeamRules(AccessTableMixin, DealerSalesCommon):
    allow_inherited_tests_method = True
    module = "dealer_crm_team"
    access = {
        "dealer.target": ("r---", "rwcu", "----", "rwcu"),
        "dealer.target.import.wizard": ("----", "rwcu", "----", "rwcu"),
        "dealer.target.report": ("r---", "r---", "----", "r---"),
        "dealer.task": ("rwc-", "rwcu", "----", "rwcu"),
        "dealer.task.progress": ("r-c-", "rwcu", "----", "rwcu"),
        "dealer.work.report": ("rwc-", "rwcu", "----", "rwcu"),
        "dealer.work.report.rule": ("r---", "r---", "----", "rwcu"),
        "dealer.work.report.statistics": ("r---", "r---", "----", "r---"),
    }

    def test_targets_import_wizard_is_its_creators(self):
        wizard = self.env["dealer.target.import.wizard"].with_user(self.user_manager).create({"year": 2026})
        self.assertFalse(self.env["dealer.target.import.wizard"].with_user(self.user_admin).search(
            [("id", "=", wizard.id)]))
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_admin).read(["create_uid"])

    def test_targets_template_is_text(self):
        new_test_user(self.env, "=1+1", groups="base.group_user,dealer_crm.group_dealer_salesperson",
                      name="@SUM(A1)")
        new_test_user(self.env, DDE, groups="base.group_user,dealer_crm.group_dealer_salesperson", name="-2+3")
        wizard = self.env["dealer.target.import.wizard"].with_user(self.user_manager).create({"year": 2026})
        action = wizard.action_download_template()
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        content = self.env["ir.attachment"].sudo().browse(attachment_id).raw
        self.assertTextCells(content, ["=1+1", DDE])
