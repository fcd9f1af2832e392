from odoo import api, fields, models


class DealerTaskProgress(models.Model):
    """A dated progress note on a task: it sets the task's progress."""

    _name = "dealer.task.progress"
    _inherit = ["dealer.value.mixin"]
    _description = "Task Progress Note"
    _order = "date desc, id desc"

    task_id = fields.Many2one("dealer.task", string="Task", required=True, index=True, ondelete="cascade")
    date = fields.Datetime(string="Date", required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", string="By", required=True, default=lambda self: self.env.user,
                              readonly=True)
    progress = fields.Integer(string="Progress (%)", required=True)
    note = fields.Text(string="Note", required=True)

    _progress_range = models.Constraint("CHECK (progress BETWEEN 0 AND 100)", "Progress goes from 0 to 100%.")

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        for note in notes:
            task = note.task_id
            values = {"progress": note.progress}
            if task.state == "todo":
                values["state"] = "in_progress"
            task.write(values)
        return notes
