from odoo import api, fields, models

RECYCLE_RULES = [
    ("no_followup", "No follow-up"),
    ("no_order", "No confirmed order"),
    ("never_won", "Not won since taken"),
]


class DealerPoolRule(models.Model):
    """When an owned customer goes back to the pool it would be released to:
    after N days without a follow-up, without a confirmed order, or without
    any order won since its owner got it. The clock starts again whenever
    the owner changes."""

    _name = "dealer.pool.rule"
    _inherit = ["dealer.value.mixin"]
    _description = "Public Pool Recycle Rule"
    _order = "pool_id, rule_type"

    pool_id = fields.Many2one("dealer.pool", string="Pool", required=True, index=True, ondelete="cascade")
    rule_type = fields.Selection(RECYCLE_RULES, string="Rule", required=True)
    active = fields.Boolean(string="On", default=True)
    days = fields.Integer(string="Days", required=True, default=30, help="Days for every importance level without its own.")
    days_a = fields.Integer(string="Days (A)", help="Days for A customers; 0: the rule's days.")
    days_b = fields.Integer(string="Days (B)", help="Days for B customers; 0: the rule's days.")
    days_c = fields.Integer(string="Days (C)", help="Days for C customers; 0: the rule's days.")
    days_d = fields.Integer(string="Days (D)", help="Days for D customers; 0: the rule's days.")
    exempt_open_orders = fields.Boolean(
        string="Exempt Open Quotations and Orders", default=True,
        help="Customers with a quotation, or a confirmed order not fully invoiced, stay with their owner.",
    )
    exempt_won = fields.Boolean(
        string="Exempt Won Customers", help="Customers with at least one confirmed order stay with their owner.",
    )
    exempt_agreement = fields.Boolean(
        string="Exempt Customers under Agreement", default=True,
        help="Customers with an active dealer agreement stay with their owner.",
    )

    _rule_unique = models.Constraint("UNIQUE (pool_id, rule_type)", "A pool has each rule once.")
    _days_valid = models.Constraint(
        "CHECK (days > 0 AND days_a >= 0 AND days_b >= 0 AND days_c >= 0 AND days_d >= 0)",
        "A rule needs a positive number of days.",
    )

    @api.depends("rule_type", "days")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = rule._reason(rule.days)

    def _reason(self, days):
        """The rule in words, for ``days`` days, in the environment's language."""
        self.ensure_one()
        _ = self.env._
        return {
            "no_followup": _("No follow-up for %(days)s days", days=days),
            "no_order": _("No confirmed order for %(days)s days", days=days),
            "never_won": _("No order won %(days)s days after taking the customer", days=days),
        }[self.rule_type]
