from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_cap_counts_won = fields.Boolean(related="company_id.dealer_cap_counts_won", readonly=False)
