from odoo import api, fields, models

OWNER_ACTIONS = [
    ("create", "Created"),
    ("assign", "Assign"),
    ("transfer", "Transfer"),
]
# The changes that count for the salesperson who gave the customer up (the
# public pool's release and recycling); the others count for the one who got it.
GIVING_UP_ACTIONS = ("release", "recycle")


class DealerOwnerLog(models.Model):
    """One change of a customer's owner, its creation with an owner
    included: who had it, who has it, how, why, done by whom and when.
    Written only by ``res.partner._dealer_change_owner``; dealer_crm_pool
    adds the pool and its actions (claim, release, recycle)."""

    _name = "dealer.owner.log"
    _inherit = ["dealer.value.mixin"]
    _description = "Customer Ownership Change"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade",
                                 readonly=True)
    from_user_id = fields.Many2one("res.users", string="From", index="btree_not_null", readonly=True)
    to_user_id = fields.Many2one("res.users", string="To", index="btree_not_null", readonly=True)
    action = fields.Selection(OWNER_ACTIONS, string="Action", required=True, readonly=True)
    reason = fields.Text(string="Reason", readonly=True)
    user_id = fields.Many2one("res.users", string="Done By", required=True, readonly=True,
                              default=lambda self: self.env.user)
    date = fields.Datetime(string="Date", required=True, index=True, readonly=True, default=fields.Datetime.now)
    salesperson_id = fields.Many2one(
        "res.users", string="Salesperson", compute="_compute_salesperson_id", store=True, index="btree_not_null",
        help="Whose statistics the change counts in: the one who gave the customer up for a release or a "
             "recycling, the one who got it otherwise.",
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    @api.depends("action", "from_user_id", "to_user_id")
    def _compute_salesperson_id(self):
        for log in self:
            log.salesperson_id = log.from_user_id if log.action in GIVING_UP_ACTIONS else log.to_user_id
