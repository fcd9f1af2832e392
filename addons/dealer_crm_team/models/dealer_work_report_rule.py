from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

REPORT_TYPES = [("daily", "Daily Report"), ("weekly", "Weekly Report"), ("monthly", "Monthly Report")]


class DealerWorkReportRule(models.Model):
    """Who must submit which work report by when: e.g. the daily report by
    20:00 the same day, the weekly one by Monday 10:00, the monthly one by
    the 3rd. The deadline is counted in each author's own time zone."""

    _name = "dealer.work.report.rule"
    _inherit = ["dealer.value.mixin"]
    _description = "Work Report Submission Rule"
    _order = "report_type, id"

    name = fields.Char(required=True, translate=True)
    report_type = fields.Selection(REPORT_TYPES, string="Report", required=True, default="daily")
    user_ids = fields.Many2many("res.users", "dealer_work_report_rule_user_rel", "rule_id", "user_id",
                                string="Authors", domain=[("share", "=", False)])
    team_ids = fields.Many2many("crm.team", "dealer_work_report_rule_team_rel", "rule_id", "team_id",
                                string="Sales Teams", help="Every member of these teams must submit.")
    deadline_days = fields.Integer(
        string="Days after the Period", default=0,
        help="0: on the period's last day; 1: the day after (e.g. a week's report on Monday); 3: by the 3rd for a "
             "month.",
    )
    deadline_hour = fields.Float(string="By", default=20.0, help="Local time of the deadline on that day.")
    remind_hours = fields.Float(string="Remind before", default=2.0,
                                help="Hours before the deadline at which those who have not submitted are reminded.")
    skip_weekends = fields.Boolean(string="Not on Weekends", default=True,
                                   help="Daily reports are due from Monday to Friday only.")
    date_start = fields.Date(string="Since", required=True, default=fields.Date.context_today,
                             help="Periods before this day are not expected.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Company", required=True, default=lambda self: self.env.company)

    _deadline_days_positive = models.Constraint("CHECK (deadline_days >= 0)", "A deadline cannot come before the period ends.")
    _deadline_hour_range = models.Constraint("CHECK (deadline_hour >= 0 AND deadline_hour <= 24)",
                                             "The deadline is a time of day, from 00:00 to 24:00.")

    @api.model
    def _sql_expected(self, now=None):
        """Every report the active rules expect, as SQL rows ``(user_id,
        report_type, date_from, date_to, deadline, remind_at)``, from each
        rule's start to the author's today. Where several rules ask an author
        for the same report, the strictest (earliest deadline) applies.
        Deadlines are stored UTC datetimes of the author's local deadline.

        The days come from one calendar with constant bounds, which
        PostgreSQL counts exactly: a per-rule ``generate_series`` is
        estimated at 1,000 rows a rule and makes the plan look costly enough
        to be JIT-compiled, which takes longer than running it."""
        self.env.flush_all()
        now = now or fields.Datetime.now()
        [[first]] = self.env.execute_query(SQL("SELECT MIN(date_start) FROM dealer_work_report_rule WHERE active"))
        first = first or now.date()
        # The Monday or the 1st before the first rule's start, whichever comes first.
        start = min(first.replace(day=1), first - timedelta(days=first.weekday()))
        return SQL("""
            WITH member AS (
                SELECT rel.rule_id, rel.user_id FROM dealer_work_report_rule_user_rel rel
                 UNION
                SELECT rel.rule_id, team_member.user_id
                  FROM dealer_work_report_rule_team_rel rel
                  JOIN crm_team_member team_member ON team_member.crm_team_id = rel.team_id AND team_member.active
            ), author_rule AS (
                -- One rule per author and report: the strictest.
                SELECT DISTINCT ON (member.user_id, rule.report_type)
                       member.user_id, rule.report_type, rule.date_start, rule.skip_weekends, rule.deadline_days,
                       rule.deadline_hour, rule.remind_hours, COALESCE(author.tz, 'Asia/Shanghai') AS tz
                  FROM member
                  JOIN dealer_work_report_rule rule ON rule.id = member.rule_id AND rule.active
                  JOIN res_users account ON account.id = member.user_id AND account.active
                  JOIN res_partner author ON author.id = account.partner_id
                 ORDER BY member.user_id, rule.report_type, rule.deadline_days * 24 + rule.deadline_hour, rule.id
            ), calendar AS (
                SELECT %(start)s::date + day_number AS day FROM generate_series(0, %(days)s) AS day_number
            ), period AS (
                SELECT author_rule.*, calendar.day AS date_from,
                       CASE author_rule.report_type WHEN 'daily' THEN calendar.day
                                                    WHEN 'weekly' THEN calendar.day + 6
                                                    ELSE (calendar.day + INTERVAL '1 month')::date - 1 END AS date_to
                  FROM author_rule
                  JOIN calendar ON calendar.day >= date_trunc(
                      CASE author_rule.report_type WHEN 'daily' THEN 'day' WHEN 'weekly' THEN 'week' ELSE 'month' END,
                      author_rule.date_start::timestamp)
                 WHERE calendar.day <= (%(now)s::timestamp AT TIME ZONE 'UTC' AT TIME ZONE author_rule.tz)::date
                   AND CASE author_rule.report_type
                       WHEN 'daily' THEN NOT author_rule.skip_weekends OR EXTRACT(ISODOW FROM calendar.day) < 6
                       WHEN 'weekly' THEN EXTRACT(ISODOW FROM calendar.day) = 1
                       ELSE EXTRACT(DAY FROM calendar.day) = 1 END
            ), deadline AS (
                SELECT user_id, report_type, date_from, date_to, remind_hours,
                       ((date_to + deadline_days) + deadline_hour * INTERVAL '1 hour')
                           AT TIME ZONE tz AT TIME ZONE 'UTC' AS deadline
                  FROM period
            )
            SELECT user_id, report_type, date_from, date_to, deadline,
                   deadline - remind_hours * INTERVAL '1 hour' AS remind_at
              FROM deadline
        """, now=now, start=start, days=(now.date() + timedelta(days=1) - start).days)
