from odoo import fields, models

from .dealer_agreement import AGREEMENT_TYPES


class DealerAgreementTemplate(models.Model):
    """The standard clauses an agreement starts from."""

    _name = "dealer.agreement.template"
    _inherit = ["dealer.value.mixin"]
    _description = "Dealer Agreement Template"
    _order = "sequence, id"

    name = fields.Char(string="Name", required=True, translate=True)
    sequence = fields.Integer(string="Sequence", default=10)
    active = fields.Boolean(string="Active", default=True)
    agreement_type = fields.Selection(AGREEMENT_TYPES, string="For Type", help="Empty: every type.")
    clause_ids = fields.One2many("dealer.agreement.template.clause", "template_id", string="Clauses", copy=True)
