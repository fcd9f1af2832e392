from odoo import api, fields, models


class DealerRegion(models.Model):
    """Sales region, a hierarchy such as 华东区 › 上海 › 浦东.

    A region's manager sees the customers of the region and of all its
    sub-regions; ``manager_user_ids`` holds those managers, stored so that
    record rules read it without walking the tree.
    """

    _name = "dealer.region"
    _inherit = ["dealer.value.mixin"]
    _description = "Sales Region"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name, id"

    name = fields.Char(required=True)
    complete_name = fields.Char(compute="_compute_complete_name", recursive=True, store=True)
    parent_id = fields.Many2one("dealer.region", string="Parent Region", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("dealer.region", "parent_id", string="Sub-regions")
    manager_id = fields.Many2one("res.users", string="Region Manager", domain=[("share", "=", False)])
    manager_user_ids = fields.Many2many(
        "res.users",
        "dealer_region_manager_user_rel",
        "region_id",
        "user_id",
        string="Managers (with parent regions)",
        compute="_compute_manager_user_ids",
        recursive=True,
        store=True,
    )
    state_ids = fields.Many2many(
        "res.country.state",
        string="Provinces",
        help="Provinces covered by this region: customers imported or entered with one of them are put in this region.",
    )
    customer_count = fields.Integer(compute="_compute_customer_count")
    active = fields.Boolean(default=True)

    _name_parent_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (parent_id, name)",
        "A region with this name already exists under the same parent.",
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for region in self:
            if region.parent_id:
                region.complete_name = f"{region.parent_id.complete_name} › {region.name}"
            else:
                region.complete_name = region.name

    @api.depends("manager_id", "parent_id.manager_user_ids")
    def _compute_manager_user_ids(self):
        for region in self:
            region.manager_user_ids = region.manager_id | region.parent_id.manager_user_ids

    def _compute_customer_count(self):
        counts = dict(self.env["res.partner"]._read_group(
            [("dealer_region_id", "child_of", self.ids), ("is_dealer", "=", True), ("is_company", "=", True)],
            ["dealer_region_id"],
            ["__count"],
        ))
        for region in self:
            region.customer_count = sum(
                count for child, count in counts.items() if child.parent_path.startswith(region.parent_path)
            )

    @api.model_create_multi
    def create(self, vals_list):
        regions = super().create(vals_list)
        regions._flush_managers()
        return regions

    def write(self, vals):
        result = super().write(vals)
        if "manager_id" in vals or "parent_id" in vals:
            self._flush_managers()
        return result

    def _flush_managers(self):
        """Record rules rely on ``manager_user_ids`` (``res.users``'
        ``dealer_managed_region_ids``): recompute it now, and the rules with
        it, so that the rest of the transaction already sees the new
        managers."""
        self.flush_model(["manager_user_ids"])
        self.env["res.users"]._dealer_scopes_changed()

    def unlink(self):
        result = super().unlink()
        self.env["res.users"]._dealer_scopes_changed()
        return result

    @api.model
    def _dealer_region_for_state(self, state):
        """The most specific active region covering the province ``state``."""
        regions = self.search([("state_ids", "in", state.ids)])
        return regions.sorted(lambda region: len(region.parent_path), reverse=True)[:1]

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm.res_partner_action_dealer")
        action["domain"] = [("is_dealer", "=", True), ("is_company", "=", True), ("dealer_region_id", "child_of", self.id)]
        action["context"] = {"default_dealer_region_id": self.id, "default_is_dealer": True, "default_is_company": True}
        return action
