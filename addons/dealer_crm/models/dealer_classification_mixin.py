from odoo import fields, models


class DealerClassificationMixin(models.AbstractModel):
    """Common shape of the flat lists that classify dealers (channel, customer
    type, source): a unique name, an order, a colour and an active flag."""

    _name = "dealer.classification.mixin"
    _inherit = ["dealer.value.mixin"]
    _description = "Dealer Classification"
    _order = "sequence, name, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text()

    _name_unique = models.Constraint("UNIQUE(name)", "This name is already used.")
