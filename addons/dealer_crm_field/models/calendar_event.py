from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

VISIT_TYPES = [
    ("visit", "Visit"),
    ("meeting", "Meeting"),
    ("phone", "Phone Call"),
    ("delivery", "Delivery"),
    ("other", "Other"),
]
SCHEDULE_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("missed", "Not Completed"),
]


class CalendarEvent(models.Model):
    """Schedules: a calendar event is a planned visit, call or delivery at a
    customer. Checking in from the event starts it; checking out completes it."""

    _inherit = "calendar.event"

    dealer_partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null",
        domain="[('is_dealer', '=', True), ('is_company', '=', True)]",
    )
    dealer_visit_type = fields.Selection(VISIT_TYPES, string="Visit Type")
    dealer_checkin_required = fields.Boolean(
        string="Check-in Required", help="The visit counts as done only with a check-in on site.",
    )
    dealer_state = fields.Selection(SCHEDULE_STATES, string="Completion", default="planned", tracking=True)
    dealer_summary = fields.Text(string="Visit Summary")
    dealer_checkin_ids = fields.One2many("dealer.checkin", "event_id", string="Check-ins")

    @api.model_create_multi
    def create(self, vals_list):
        """Customer events remind their attendees with Odoo's own alarm, 30
        minutes before, unless alarms were chosen."""
        reminder = self.env.ref("calendar.alarm_notif_2", raise_if_not_found=False)
        for vals in vals_list:
            if reminder and vals.get("dealer_partner_id") and "alarm_ids" not in vals:
                vals["alarm_ids"] = [Command.link(reminder.id)]
        return super().create(vals_list)

    def action_dealer_done(self):
        """Mark the event done; a visit that requires a check-in needs one first."""
        for event in self:
            if event.dealer_checkin_required and not event.dealer_checkin_ids:
                raise ValidationError(self.env._("“%(name)s” requires a check-in on site before it is done.",
                                               name=event.name))
        self.dealer_state = "done"

    def action_dealer_check_in(self):
        """Open the check-in screen for this event's customer."""
        self.ensure_one()
        return self.env["dealer.checkin"]._screen_action(self.dealer_partner_id, self)

    @api.model
    def _cron_dealer_flag_uncompleted(self):
        """Customer events that ended before today, still not completed: the
        organizer gets an activity on the customer, once, and the event is marked missed."""
        cutoff = fields.Datetime.now() - timedelta(hours=12)
        events = self.search([
            ("dealer_partner_id", "!=", False),
            ("dealer_state", "in", ["planned", "in_progress"]),
            ("stop", "<", cutoff),
        ])
        for event in events.filtered("user_id"):
            event.dealer_partner_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=event.user_id._dealer_local_today(),
                summary=self.env._("Complete or explain “%(name)s”", name=event.name),
                note=self.env._("The event ended on %(date)s without being completed.", date=event.stop),
                user_id=event.user_id.id,
            )
        events.dealer_state = "missed"
