from odoo import fields, models


class DealerReasonWizard(models.TransientModel):
    _inherit = "dealer.reason.wizard"

    action = fields.Selection(selection_add=[("finish_task", "Finish the Task")], ondelete={"finish_task": "cascade"})

    def _reason_actions(self):
        return {**super()._reason_actions(), "finish_task": ("dealer.task", "action_done")}
