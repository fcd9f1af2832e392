from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class DealerCheckinReport(models.Model):
    """Field work by salesperson and period: one row per check-in and one per
    follow-up, so that visits, distinct customers, flags, average duration and
    follow-ups logged add up in any grouping (day, week, month, team)."""

    _name = "dealer.checkin.report"
    _inherit = ["dealer.report.dimension.mixin"]
    _description = "Check-in Report"
    _auto = False
    _order = "date desc"
    _rec_name = "partner_id"
    _depends = {
        "dealer.checkin": ["checkin_time", "checkout_time", "duration", "user_id", "partner_id", "company_id",
                           "flag_outside_radius", "flag_no_gps", "flag_low_accuracy", "flag_stale_photo"],
        "dealer.followup": ["date", "user_id", "partner_id", "company_id", "checkin_id"],
        "res.partner": ["dealer_team_id", "dealer_region_id", "dealer_channel_id", "dealer_customer_type_id"],
    }

    kind = fields.Selection([("checkin", "Check-in"), ("followup", "Follow-up")], string="Kind", readonly=True)
    date = fields.Datetime(string="Date", readonly=True)
    checkin_id = fields.Many2one("dealer.checkin", string="Check-in", readonly=True)
    followup_id = fields.Many2one("dealer.followup", string="Follow-up", readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    customer_visited = fields.Integer(
        string="Customers Visited", readonly=True, aggregator="count_distinct",
        help="Distinct customers checked in at.",
    )
    outside_radius_count = fields.Integer(string="Outside Radius", readonly=True)
    no_gps_count = fields.Integer(string="Without GPS", readonly=True)
    low_accuracy_count = fields.Integer(string="Low Accuracy", readonly=True)
    stale_photo_count = fields.Integer(string="Stale Photo", readonly=True)
    duration = fields.Float(string="Average Duration (minutes)", readonly=True, aggregator="avg")
    followup_count = fields.Integer(string="Follow-ups", readonly=True)

    @property
    def _table_query(self):
        return SQL("""
            SELECT c.id * 2 AS id, 'checkin' AS kind, c.checkin_time AS date, c.user_id,
                   p.dealer_team_id AS team_id, c.partner_id, p.dealer_region_id AS region_id,
                   p.dealer_channel_id AS channel_id, p.dealer_customer_type_id AS customer_type_id,
                   c.company_id, c.id AS checkin_id, NULL::integer AS followup_id,
                   1 AS visit_count, c.partner_id AS customer_visited,
                   c.flag_outside_radius::integer AS outside_radius_count,
                   c.flag_no_gps::integer AS no_gps_count,
                   c.flag_low_accuracy::integer AS low_accuracy_count,
                   c.flag_stale_photo::integer AS stale_photo_count,
                   CASE WHEN c.checkout_time IS NOT NULL THEN c.duration END AS duration,
                   0 AS followup_count
              FROM dealer_checkin c
              JOIN res_partner p ON p.id = c.partner_id
            UNION ALL
            SELECT f.id * 2 + 1, 'followup', f.date, f.user_id,
                   p.dealer_team_id, f.partner_id, p.dealer_region_id,
                   p.dealer_channel_id, p.dealer_customer_type_id,
                   f.company_id, f.checkin_id, f.id,
                   0, NULL, 0, 0, 0, 0, NULL, 1
              FROM dealer_followup f
              JOIN res_partner p ON p.id = f.partner_id
        """)

    def action_open_source(self):
        """The check-in (with its photos) or the follow-up behind a row."""
        self.ensure_one()
        record = self.checkin_id if self.kind == "checkin" else self.followup_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
        }

    @api.model
    def _weekly_summary(self, users, start, stop):
        """Per salesperson of ``users``, those with nothing included: visits,
        customers, flagged visits, average duration and follow-ups between
        ``start`` and ``stop``."""
        groups = self.sudo()._read_group(
            [("user_id", "in", users.ids), ("date", ">=", start), ("date", "<", stop)],
            ["user_id"],
            ["visit_count:sum", "customer_visited:count_distinct", "outside_radius_count:sum",
             "no_gps_count:sum", "stale_photo_count:sum", "duration:avg", "followup_count:sum"],
        )
        by_user = {user: values for user, *values in groups}
        return [
            dict(zip(
                ("visits", "customers", "outside_radius", "no_gps", "stale_photo", "duration", "followups"),
                [value or 0 for value in by_user.get(user, [0] * 7)],
            ), user=user)
            for user in users.sorted("name")
        ]

    @api.model
    def _cron_mail_weekly_summary(self):
        """Mail each sales team leader last week's field work of the team,
        the week running Monday to Monday in the leader's time zone."""
        teams = self.env["crm.team"].search([("user_id", "!=", False), ("member_ids", "!=", False)])
        for leader, leader_teams in teams.grouped("user_id").items():
            if not leader.email or not leader._is_dealer_manager():
                continue
            local_today = leader._dealer_local_today()
            monday = local_today - timedelta(days=local_today.weekday())
            start, _end = leader._dealer_local_day_bounds(monday - timedelta(days=7))
            stop, _end = leader._dealer_local_day_bounds(monday)
            rows = self._weekly_summary(leader_teams.member_ids, start, stop)
            env = self.with_context(lang=leader.lang).env
            week_start, week_end = monday - timedelta(days=7), monday - timedelta(days=1)
            body = env["ir.qweb"]._render("dealer_crm_field.dealer_checkin_weekly_summary", {
                "rows": rows,
                "greeting": env._("Hello %(name)s,", name=leader.name),
                "introduction": env._("Field work of your team from %(start)s to %(end)s:",
                                      start=week_start, end=week_end),
            })
            self.env["mail.mail"].sudo().create({
                "subject": env._("Field work of the week of %(date)s", date=week_start),
                "body_html": body,
                "email_to": leader.email_formatted,
                "auto_delete": True,
            })
