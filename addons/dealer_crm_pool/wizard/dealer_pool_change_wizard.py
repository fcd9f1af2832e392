from odoo import Command, api, fields, models


class DealerPoolChangeWizard(models.TransientModel):
    """Release customers to a pool, or assign or transfer them to a salesperson."""

    _name = "dealer.pool.change.wizard"
    _inherit = ["dealer.value.mixin"]
    _description = "Change Customer Owner"

    action = fields.Selection(
        [("release", "Release to a Pool"), ("assign", "Assign"), ("transfer", "Transfer")],
        string="Action", required=True, default="release",
    )
    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    pool_id = fields.Many2one("dealer.pool", string="Pool", compute="_compute_pool_id", store=True, readonly=False)
    user_id = fields.Many2one("res.users", string="New Owner", domain=[("share", "=", False)])
    reason = fields.Text(string="Reason")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "partner_ids" in fields_list and not values.get("partner_ids"):
            active_ids = self.env.context.get("active_ids") if self.env.context.get("active_model") == "res.partner" else []
            values["partner_ids"] = [Command.set(active_ids or [])]
        return values

    @api.depends("partner_ids", "action")
    def _compute_pool_id(self):
        for wizard in self:
            if wizard.action == "release" and not wizard.pool_id and wizard.partner_ids:
                wizard.pool_id = self.env["dealer.pool"]._pool_for(wizard.partner_ids[0].commercial_partner_id)

    def action_apply(self):
        self.ensure_one()
        if self.action == "release":
            self.partner_ids.action_pool_release(self.pool_id.id, self.reason)
        elif self.action == "assign":
            self.partner_ids.action_pool_assign(self.user_id.id)
        else:
            self.partner_ids.action_pool_transfer(self.user_id.id)
        return {"type": "ir.actions.act_window_close"}
