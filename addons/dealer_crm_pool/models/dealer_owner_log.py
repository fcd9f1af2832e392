from odoo import fields, models


class DealerOwnerLog(models.Model):
    """A change of owner through the public pool names the pool."""

    _inherit = "dealer.owner.log"

    pool_id = fields.Many2one("dealer.pool", string="Pool", index="btree_not_null", readonly=True)
    action = fields.Selection(
        selection_add=[("create",), ("claim", "Claim"), ("assign",), ("release", "Release"), ("recycle", "Recycle")],
        ondelete={"claim": "cascade", "release": "cascade", "recycle": "cascade"},
    )

    _pool_cooldown_index = models.Index("(from_user_id, partner_id, date) WHERE action IN ('release', 'recycle')")
    _daily_claims_index = models.Index("(to_user_id, pool_id, date) WHERE action = 'claim'")
