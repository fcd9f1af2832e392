from odoo import fields, models


class DealerReasonWizard(models.TransientModel):
    """Asks for the note an action needs: why an agreement is terminated or
    an order returned (and, with other addons, what a finished task achieved)."""

    _name = "dealer.reason.wizard"
    _inherit = ["dealer.value.mixin"]
    _description = "Reason"

    action = fields.Selection(
        [("terminate_agreement", "Terminate the Agreement"), ("return_order", "Return the Order")],
        string="Action", required=True,
    )
    res_id = fields.Integer(string="Record", required=True)
    reason = fields.Text(string="Reason", required=True)

    def _reason_actions(self):
        """What the wizard may do with its reason, per action: the model and
        the method taking the reason. Addons adding an action extend it."""
        return {
            "terminate_agreement": ("dealer.agreement", "action_terminate"),
            "return_order": ("sale.order", "action_dealer_return"),
        }

    def action_confirm(self):
        self.ensure_one()
        model, method = self._reason_actions()[self.action]
        getattr(self.env[model].browse(self.res_id), method)(self.reason)
        return {"type": "ir.actions.act_window_close"}
