from odoo import api, fields, models
from odoo.exceptions import UserError


class DealerAgreementTerm(models.AbstractModel):
    """A term of an agreement (a rebate tier, a clause): read as its
    agreement is read, and changed only while its agreement's terms may
    change (a draft, by the customer's owner or a manager)."""

    _name = "dealer.agreement.term"
    _inherit = ["dealer.value.mixin"]
    _description = "Dealer Agreement Term"

    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", required=True, index=True,
                                   ondelete="cascade")

    @api.model_create_multi
    def create(self, vals_list):
        terms = super().create(vals_list)
        terms.agreement_id._check_terms_editable()
        return terms

    def write(self, vals):
        self._check_not_moved(vals)
        self.agreement_id._check_terms_editable()
        return super().write(vals)

    def unlink(self):
        self.agreement_id._check_terms_editable()
        return super().unlink()

    def _check_not_moved(self, vals):
        if "agreement_id" in vals and not self.env.su and any(
                term.agreement_id.id != vals["agreement_id"] for term in self.sudo()):
            raise UserError(self.env._("A term belongs to its agreement: add it to the other agreement instead."))
