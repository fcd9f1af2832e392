from odoo import fields, models


class DealerAgreementRebateTier(models.Model):
    """From ``threshold`` of the year's sales on, the agreement pays back
    ``rate`` percent of them."""

    _name = "dealer.agreement.rebate.tier"
    _inherit = ["dealer.agreement.term"]
    _description = "Dealer Agreement Rebate Tier"
    _order = "agreement_id, threshold"

    currency_id = fields.Many2one(related="agreement_id.currency_id")
    threshold = fields.Monetary(string="From Sales of", required=True)
    rate = fields.Float(string="Rebate (%)", required=True, digits=(5, 2))

    _tier_valid = models.Constraint("CHECK (threshold >= 0 AND rate >= 0 AND rate <= 100)",
                                    "A tier starts at zero or more and pays between 0% and 100%.")
