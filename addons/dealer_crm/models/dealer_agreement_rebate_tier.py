from odoo import api, fields, models
from odoo.exceptions import UserError


class DealerAgreementRebateTier(models.Model):
    """From ``threshold`` of the year's sales on, the agreement pays back
    ``rate`` percent of them."""

    _name = "dealer.agreement.rebate.tier"
    _inherit = ["dealer.value.mixin"]
    _description = "Dealer Agreement Rebate Tier"
    _order = "agreement_id, threshold"

    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", required=True, index=True,
                                   ondelete="cascade")
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    threshold = fields.Monetary(string="From Sales of", required=True)
    rate = fields.Float(string="Rebate (%)", required=True, digits=(5, 2))

    _tier_valid = models.Constraint("CHECK (threshold >= 0 AND rate >= 0 AND rate <= 100)",
                                    "A tier starts at zero or more and pays between 0% and 100%.")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.agreement_id._check_terms_editable()
        return lines

    def write(self, vals):
        self._check_not_moved(vals)
        self.agreement_id._check_terms_editable()
        return super().write(vals)

    def unlink(self):
        self.agreement_id._check_terms_editable()
        return super().unlink()

    def _check_not_moved(self, vals):
        if "agreement_id" in vals and not self.env.su and any(
                line.agreement_id.id != vals["agreement_id"] for line in self.sudo()):
            raise UserError(self.env._("A term belongs to its agreement: add it to the other agreement instead."))
