from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

TASK_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("todo", "in_progress")


class DealerTask(models.Model):
    """Work a manager asks of salespeople, with a deadline, progress notes
    and a result."""

    _name = "dealer.task"
    _description = "Task"
    _inherit = ["dealer.value.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_deadline, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Html(string="Description")
    assigner_id = fields.Many2one("res.users", string="Assigned By", required=True, index=True, tracking=True,
                                  default=lambda self: self.env.user)
    user_ids = fields.Many2many("res.users", "dealer_task_user_rel", "task_id", "user_id", string="Assignees",
                                required=True, tracking=True, domain=[("share", "=", False)])
    partner_id = fields.Many2one("res.partner", string="Customer", index="btree_not_null",
                                 domain=[("is_dealer", "=", True), ("is_company", "=", True)])
    date_start = fields.Date(string="Start", default=fields.Date.context_today)
    date_deadline = fields.Date(string="Deadline", required=True, index=True, tracking=True)
    priority = fields.Selection([("0", "Normal"), ("1", "Important"), ("2", "Urgent")], string="Priority",
                                default="0", tracking=True)
    progress = fields.Integer(string="Progress (%)", tracking=True)
    progress_ids = fields.One2many("dealer.task.progress", "task_id", string="Progress Notes")
    state = fields.Selection(TASK_STATES, string="Status", required=True, default="todo", tracking=True, index=True)
    result = fields.Text(string="Result", tracking=True)
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    parent_id = fields.Many2one("dealer.task", string="Parent Task", index="btree_not_null", ondelete="cascade")
    child_ids = fields.One2many("dealer.task", "parent_id", string="Subtasks")
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    overdue_notified = fields.Boolean(string="Overdue Notified", copy=False, readonly=True)
    reminded = fields.Boolean(string="Reminded", copy=False, readonly=True)

    _progress_range = models.Constraint("CHECK (progress BETWEEN 0 AND 100)", "Progress goes from 0 to 100%.")
    _dates_ordered = models.Constraint("CHECK (date_start IS NULL OR date_deadline >= date_start)",
                                       "A task's deadline comes after its start.")

    def _compute_is_overdue(self):
        today = self.env.user._dealer_local_today()
        for task in self:
            task.is_overdue = task.state in OPEN_STATES and task.date_deadline and task.date_deadline < today

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        overdue = Domain("state", "in", OPEN_STATES) & Domain("date_deadline", "<",
                                                             self.env.user._dealer_local_today())
        return overdue if True in value else ~overdue

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        for task in tasks:
            task._notify_assignees(task.user_ids)
        return tasks

    def write(self, vals):
        if "date_deadline" in vals:
            # A new deadline: remind again.
            vals = {**vals, "overdue_notified": False, "reminded": False}
        before = {task: task.user_ids for task in self} if "user_ids" in vals else {}
        result = super().write(vals)
        for task, assignees in before.items():
            task._notify_assignees(task.user_ids - assignees)
        return result

    def _notify_assignees(self, users):
        """An activity, which Odoo also mails, for each new assignee."""
        for user in users:
            self.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=self.date_deadline, user_id=user.id,
                summary=self.env._("Task from %(assigner)s: %(task)s", assigner=self.assigner_id.name, task=self.name),
            )

    def action_start(self):
        self.filtered(lambda task: task.state == "todo").write({"state": "in_progress"})
        return True

    def action_done(self, result):
        """Done needs a result note; the assignees' task activities close."""
        if not (result or "").strip():
            raise UserError(self.env._("Say what was done."))
        if self.filtered(lambda task: task.state not in OPEN_STATES):
            raise UserError(self.env._("Only an open task can be marked done."))
        self.write({"state": "done", "progress": 100, "result": result.strip(), "date_done": fields.Datetime.now()})
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=result.strip())
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @api.model
    def _cron_remind(self):
        """Daily: remind assignees of the tasks due tomorrow, and tell
        assignees and assigner once about the overdue ones."""
        today = self.env.user._dealer_local_today()
        due_tomorrow = self.search([
            ("state", "in", OPEN_STATES), ("date_deadline", "=", today + timedelta(days=1)), ("reminded", "=", False),
        ])
        for task in due_tomorrow:
            task.message_post(
                body=self.env._("Due tomorrow: %(task)s", task=task.name), partner_ids=task.user_ids.partner_id.ids,
                message_type="notification", subtype_xmlid="mail.mt_comment",
            )
        due_tomorrow.write({"reminded": True})
        overdue = self.search([
            ("state", "in", OPEN_STATES), ("date_deadline", "<", today), ("overdue_notified", "=", False),
        ])
        for task in overdue:
            for user in task.user_ids | task.assigner_id:
                task.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=today, user_id=user.id,
                    summary=self.env._("Overdue since %(date)s: %(task)s", date=task.date_deadline, task=task.name),
                )
        overdue.write({"overdue_notified": True})
