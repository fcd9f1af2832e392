from odoo import fields, models


class DealerAgreementTemplateClause(models.Model):
    _name = "dealer.agreement.template.clause"
    _inherit = ["dealer.value.mixin"]
    _description = "Dealer Agreement Template Clause"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("dealer.agreement.template", string="Template", required=True, index=True,
                                  ondelete="cascade")
    sequence = fields.Integer(string="Sequence", default=10)
    title = fields.Char(string="Title", required=True, translate=True)
    body = fields.Text(string="Text", required=True, translate=True)
