"""What each role may do with each Dealer CRM model, pinned: a change of
access rights shows here first. Rows read r(ead) w(rite) c(reate)
u(nlink), per role: salesperson, sales manager, back office,
administrator. What the rights allow is narrowed further by record rules
and by the models' own checks (see the other test_rules_* modules)."""
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DealerCrmCommon

ROLES = ("group_dealer_salesperson", "group_dealer_manager", "group_dealer_back_office", "group_dealer_admin")
OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("u", "unlink"))
ACCESS = {
    "dealer.channel": ("r---", "r---", "r---", "rwcu"),
    "dealer.customer.type": ("r---", "r---", "r---", "rwcu"),
    "dealer.import.wizard": ("rwcu", "rwcu", "----", "rwcu"),
    "dealer.import.wizard.line": ("rwcu", "rwcu", "----", "rwcu"),
    "dealer.owner.log": ("r---", "r---", "----", "r---"),
    "dealer.region": ("r---", "r---", "r---", "rwcu"),
    "dealer.source": ("r---", "r---", "r---", "rwcu"),
}


class AccessTableMixin:
    """Checks an addon's table of rights: ``module``'s models, ``access`` its rows."""

    module = "dealer_crm"
    access = ACCESS

    def test_each_role_and_model(self):
        users = [new_test_user(self.env, f"access_{role}", groups=f"base.group_user,dealer_crm.{role}")
                 for role in ROLES]
        models = {name for name, model in self.env.items()
                  if model._original_module == self.module and not model._abstract}
        self.assertEqual(models, set(self.access), "every model of the addon has its row")
        for name, expected in self.access.items():
            for user, rights in zip(users, expected):
                actual = "".join(
                    letter if self.env[name].with_user(user).has_access(operation) else "-"
                    for letter, operation in OPERATIONS
                )
                self.assertEqual(actual, rights, f"{name} for {user.login}")

    def assertWizardsAreTheirCreators(self, *wizards):
        """Each of ``wizards``, ``(model, values, creator, other user)``,
        created by its creator is read by nobody else."""
        for name, vals, creator, other in wizards:
            with self.subTest(model=name):
                wizard = self.env[name].with_user(creator).create(vals)
                self.assertEqual(wizard.read(["id"])[0]["id"], wizard.id)
                self.assertFalse(self.env[name].with_user(other).search([("id", "=", wizard.id)]))
                with self.assertRaises(AccessError):
                    wizard.with_user(other).read(["create_uid"])


@tagged("post_install", "-at_install")
class TestRulesAccess(AccessTableMixin, DealerCrmCommon):
    allow_inherited_tests_method = True
