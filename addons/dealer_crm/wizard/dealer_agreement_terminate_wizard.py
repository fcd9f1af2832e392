from odoo import fields, models


class DealerAgreementTerminateWizard(models.TransientModel):
    _name = "dealer.agreement.terminate.wizard"
    _description = "Terminate a Dealer Agreement"

    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", required=True)
    reason = fields.Text(string="Reason", required=True)

    def action_terminate(self):
        self.ensure_one()
        self.agreement_id.action_terminate(self.reason)
        return {"type": "ir.actions.act_window_close"}
