from odoo import fields, models


class DealerAgreementClause(models.Model):
    _name = "dealer.agreement.clause"
    _description = "Dealer Agreement Clause"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", required=True, index=True,
                                   ondelete="cascade")
    sequence = fields.Integer(string="Sequence", default=10)
    title = fields.Char(string="Title", required=True)
    body = fields.Text(string="Text", required=True)
