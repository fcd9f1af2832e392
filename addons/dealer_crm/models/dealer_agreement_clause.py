from odoo import api, fields, models
from odoo.exceptions import UserError


class DealerAgreementClause(models.Model):
    _name = "dealer.agreement.clause"
    _inherit = ["dealer.value.mixin"]
    _description = "Dealer Agreement Clause"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", required=True, index=True,
                                   ondelete="cascade")
    sequence = fields.Integer(string="Sequence", default=10)
    title = fields.Char(string="Title", required=True)
    body = fields.Text(string="Text", required=True)

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
