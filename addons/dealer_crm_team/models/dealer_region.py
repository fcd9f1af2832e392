from odoo import models


class DealerRegion(models.Model):
    _inherit = "dealer.region"

    def write(self, vals):
        parents = self.parent_id
        result = super().write(vals)
        if "parent_id" in vals:
            # A region's rolled-up targets follow its sub-regions.
            self.env["dealer.target"].sudo().search([
                ("region_id", "in", (parents | self.parent_id).ids), ("is_rollup", "=", True),
            ])._update_rollups()
        return result
