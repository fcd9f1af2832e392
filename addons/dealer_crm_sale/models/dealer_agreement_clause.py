from odoo import fields, models


class DealerAgreementClause(models.Model):
    _name = "dealer.agreement.clause"
    _inherit = ["dealer.agreement.term"]
    _description = "Dealer Agreement Clause"
    _order = "agreement_id, sequence, id"

    sequence = fields.Integer(string="Sequence", default=10)
    title = fields.Char(string="Title", required=True)
    body = fields.Text(string="Text", required=True)
