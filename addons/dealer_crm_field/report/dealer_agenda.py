from odoo import api, fields, models
from odoo.tools import SQL


class DealerAgenda(models.Model):
    """My Day: a salesperson's customer events and due follow-ups in one
    list, the day being the salesperson's local day (see the action)."""

    _name = "dealer.agenda"
    _description = "My Day"
    _auto = False
    _order = "overdue desc, start, id"
    _rec_name = "name"
    _depends = {
        "calendar.event": ["name", "start", "active", "user_id", "dealer_partner_id"],
        "res.partner": ["name", "next_followup_date", "active", "is_dealer", "user_id"],
    }

    kind = fields.Selection([("event", "Event"), ("followup", "Follow-up Due")], string="Kind", readonly=True)
    name = fields.Char(string="Subject", readonly=True)
    start = fields.Datetime(string="When", readonly=True)
    overdue = fields.Boolean(string="Overdue", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    event_id = fields.Many2one("calendar.event", string="Event", readonly=True)
    visit_type = fields.Selection(related="event_id.dealer_visit_type")
    state = fields.Selection(related="event_id.dealer_state")

    @property
    def _table_query(self):
        return SQL("""
            SELECT e.id * 2 AS id, 'event' AS kind, e.name, e.start, false AS overdue, e.user_id,
                   e.dealer_partner_id AS partner_id, e.id AS event_id
              FROM calendar_event e
             WHERE e.active AND e.user_id IS NOT NULL
            UNION ALL
            SELECT p.id * 2 + 1, 'followup', p.name, p.next_followup_date, p.next_followup_date < now() AT TIME ZONE 'UTC',
                   p.user_id, p.id, NULL
              FROM res_partner p
             WHERE p.active AND p.is_dealer AND p.next_followup_date IS NOT NULL AND p.user_id IS NOT NULL
        """)

    @api.model
    def action_my_day(self):
        """Today's events and the follow-ups due by the end of today (overdue
        included), today being the user's local day.

        The window action goes by the id of My Day's server action, the one
        its menu opens: the web client finds the app and menu of an action
        by its id, which it must also do when My Day opens as the home
        action (``res.users._dealer_home_action``), with no menu clicked."""
        start, end = self.env.user._dealer_local_day_bounds()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_field.dealer_agenda_action")
        action["id"] = self.env.ref("dealer_crm_field.dealer_agenda_action_server").id
        action["domain"] = [
            ("user_id", "=", self.env.uid), ("start", "<", end),
            "|", ("kind", "=", "followup"), ("start", ">=", start),
        ]
        return action

    def action_check_in(self):
        self.ensure_one()
        return self.env["dealer.checkin"]._screen_action(self.partner_id, self.event_id)

    def action_log_followup(self):
        self.ensure_one()
        return self.env["dealer.followup"]._form_dialog_action({"default_partner_id": self.partner_id.id})

    def action_open(self):
        self.ensure_one()
        record = self.event_id or self.partner_id
        return {"type": "ir.actions.act_window", "res_model": record._name, "res_id": record.id,
                "views": [(False, "form")]}
