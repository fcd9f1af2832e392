from odoo import Command
from odoo.exceptions import AccessError

from .common import DealerCrmCommon


class TestDealerSecurity(DealerCrmCommon):
    """Each group sees and edits what it should, and is refused the rest."""

    def _dealers(self, user):
        return self.Partner.with_user(user).search([("is_dealer", "=", True), ("is_company", "=", True)])

    def test_salesperson_sees_own_and_unowned_customers(self):
        visible = self._dealers(self.user_salesperson)
        self.assertEqual(visible, self.customer_a | self.customer_north_unowned)
        contacts = self.Partner.with_user(self.user_salesperson).search([("parent_id", "in", (self.customer_a | self.customer_b).ids)])
        self.assertEqual(contacts, self.contact_a)
        # Partners outside Dealer CRM stay readable as in Odoo.
        self.assertTrue(self.Partner.with_user(self.user_salesperson).search([("id", "=", self.vendor.id)]))

    def test_salesperson_is_refused_others_customers(self):
        foreign = self.customer_b.with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            foreign.read(["name"])
        with self.assertRaises(AccessError):
            foreign.write({"phone": "021-12345678"})
        with self.assertRaises(AccessError):
            self.contact_b.with_user(self.user_salesperson).read(["name"])

    def test_salesperson_creates_and_edits_own_customers(self):
        Partner = self.Partner.with_user(self.user_salesperson).with_context(default_is_dealer=True)
        customer = Partner.create({"name": "新客户", "is_company": True, "user_id": self.user_salesperson.id})
        customer.write({"phone": "021-88886666", "dealer_importance": "3"})
        contact = Partner.create({"name": "联系人", "parent_id": customer.id})
        self.assertEqual(contact.user_id, self.user_salesperson)
        self.customer_north_unowned.with_user(self.user_salesperson).write({"phone": "010-1234567"})
        with self.assertRaises(AccessError):
            Partner.create({"name": "别人的客户", "is_company": True, "user_id": self.user_salesperson_b.id})

    def test_salesperson_cannot_configure(self):
        for model in ("dealer.region", "dealer.channel", "dealer.customer.type", "dealer.source"):
            Model = self.env[model].with_user(self.user_salesperson)
            self.assertTrue(Model.has_access("read"))
            with self.subTest(model=model), self.assertRaises(AccessError):
                Model.create({"name": "新值"})
        menus = self.env["ir.ui.menu"].with_user(self.user_salesperson)._visible_menu_ids()
        self.assertIn(self.env.ref("dealer_crm.res_partner_menu_dealer").id, menus)
        self.assertNotIn(self.env.ref("dealer_crm.dealer_crm_menu_config").id, menus)

    def test_manager_sees_teams_and_regions(self):
        visible = self._dealers(self.user_manager)
        self.assertEqual(
            visible,
            self.customer_a | self.customer_b | self.customer_north_unowned | self.customer_east_other_team,
        )
        self.assertNotIn(self.customer_other_team, visible)
        self.customer_b.with_user(self.user_manager).write({"dealer_importance": "2"})
        with self.assertRaises(AccessError):
            self.customer_other_team.with_user(self.user_manager).write({"dealer_importance": "2"})
        # The rules follow a change of region manager at once.
        self.region_east.manager_id = False
        self.assertNotIn(self.customer_east_other_team, self._dealers(self.user_manager))

    def test_manager_scopes_follow_teams_and_regions_at_once(self):
        """The rules read the scopes computed once per user; a change of a
        team's leader or members or of the region tree shows at once."""
        manager = self.user_manager
        self.assertEqual(manager.dealer_led_team_ids, self.team)
        self.assertEqual(manager.dealer_managed_user_ids, self.user_salesperson | self.user_salesperson_b)
        self.assertEqual(manager.dealer_managed_region_ids,
                         self.region_east | self.region_shanghai | self.region_pudong)
        self.assertNotIn(self.customer_other_team, self._dealers(manager))
        self.team_other.user_id = manager
        self.assertIn(self.customer_other_team, self._dealers(manager))
        self.team_other.user_id = False
        self.assertNotIn(self.customer_other_team, self._dealers(manager))

        # customer_b stays in the team (its dealer_team_id) when its owner leaves it.
        self.team.crm_team_member_ids.filtered(lambda member: member.user_id == self.user_salesperson_b).unlink()
        self.assertEqual(manager.dealer_managed_user_ids, self.user_salesperson)

        self.customer_other_team.dealer_region_id = self.region_north
        self.assertNotIn(self.customer_other_team, self._dealers(manager))
        self.region_north.parent_id = self.region_east
        self.assertIn(self.customer_other_team, self._dealers(manager))

    def test_back_office_reads_all_and_edits_none(self):
        self.assertEqual(
            self._dealers(self.user_back_office),
            self.customer_a | self.customer_b | self.customer_other_team
            | self.customer_north_unowned | self.customer_east_other_team,
        )
        with self.assertRaises(AccessError):
            self.customer_a.with_user(self.user_back_office).write({"phone": "021-1"})
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.user_back_office).create({"name": "客户", "is_dealer": True, "is_company": True})

    def test_back_office_clerk_who_also_sells(self):
        self.user_back_office.group_ids += self.env.ref("dealer_crm.group_dealer_salesperson")
        self.assertEqual(len(self._dealers(self.user_back_office)), 5)
        with self.assertRaises(AccessError):
            self.customer_a.with_user(self.user_back_office).write({"phone": "021-1"})

    def test_admin_sees_and_configures_all(self):
        self.assertEqual(len(self._dealers(self.user_admin)), 5)
        self.customer_other_team.with_user(self.user_admin).write({"dealer_importance": "1"})
        region = self.env["dealer.region"].with_user(self.user_admin).create({"name": "华南区"})
        self.assertTrue(region.exists())
        menus = self.env["ir.ui.menu"].with_user(self.user_admin)._visible_menu_ids()
        self.assertIn(self.env.ref("dealer_crm.dealer_crm_menu_config").id, menus)

    def test_users_outside_dealer_crm_are_unaffected(self):
        """Odoo's own sales users keep Odoo's access to partners."""
        user = self.env["res.users"].create({
            "name": "普通销售", "login": "plain_sales",
            "group_ids": [Command.set([self.env.ref("sales_team.group_sale_salesman").id, self.env.ref("base.group_user").id])],
        })
        self.assertEqual(len(self._dealers(user)), 5)
        menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertNotIn(self.env.ref("dealer_crm.dealer_crm_menu_root").id, menus)
