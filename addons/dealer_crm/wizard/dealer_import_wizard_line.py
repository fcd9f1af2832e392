from odoo import fields, models


class DealerImportWizardLine(models.TransientModel):
    """A row of the import that is not a plain new customer: an update, a
    skipped duplicate or an invalid row, with the reason."""

    _name = "dealer.import.wizard.line"
    _inherit = ["dealer.value.mixin"]
    _description = "Customer Import Row"
    _order = "row_number"

    wizard_id = fields.Many2one("dealer.import.wizard", required=True, ondelete="cascade", index=True)
    row_number = fields.Integer(string="Row")
    name = fields.Char(string="Customer Name")
    status = fields.Selection(
        [("new", "New"), ("update", "Update"), ("skip", "Skipped"), ("invalid", "Invalid")],
        required=True,
    )
    message = fields.Text(string="Reason")
    partner_id = fields.Many2one("res.partner", string="Existing Customer")
