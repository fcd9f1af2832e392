from odoo import api, fields, models
from odoo.tools import SQL

REPORT_TYPES = [("daily", "Daily Report"), ("weekly", "Weekly Report"), ("monthly", "Monthly Report")]


class DealerWorkReportRule(models.Model):
    """Who must submit which work report by when: e.g. the daily report by
    20:00 the same day, the weekly one by Monday 10:00, the monthly one by
    the 3rd. The deadline is counted in each author's own time zone."""

    _name = "dealer.work.report.rule"
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
        """Every report the active rules expect, as SQL rows ``(rule_id,
        user_id, report_type, date_from, date_to, deadline, remind_at)``,
        from each rule's start to the author's today; where two rules expect
        the same report, the earlier deadline holds. Deadlines are stored
        UTC datetimes of the author's local deadline."""
        self.env.flush_all()
        now = now or fields.Datetime.now()
        return SQL("""
            WITH member AS (
                SELECT rel.rule_id, rel.user_id FROM dealer_work_report_rule_user_rel rel
                 UNION
                SELECT rel.rule_id, team_member.user_id
                  FROM dealer_work_report_rule_team_rel rel
                  JOIN crm_team_member team_member ON team_member.crm_team_id = rel.team_id AND team_member.active
            ), period AS (
                SELECT rule.id AS rule_id, start::date AS date_from,
                       (CASE rule.report_type WHEN 'daily' THEN start
                                              WHEN 'weekly' THEN start + INTERVAL '6 days'
                                              ELSE start + INTERVAL '1 month' - INTERVAL '1 day' END)::date AS date_to
                  FROM dealer_work_report_rule rule,
                       generate_series(
                           date_trunc(CASE rule.report_type WHEN 'daily' THEN 'day' WHEN 'weekly' THEN 'week'
                                                            ELSE 'month' END, rule.date_start::timestamp),
                           %(now)s::date + 1,
                           CASE rule.report_type WHEN 'daily' THEN INTERVAL '1 day' WHEN 'weekly' THEN INTERVAL '1 week'
                                                 ELSE INTERVAL '1 month' END
                       ) AS start
                 WHERE rule.active
                   AND (rule.report_type != 'daily' OR NOT rule.skip_weekends OR EXTRACT(ISODOW FROM start) < 6)
            ), expected AS (
                SELECT DISTINCT ON (member.user_id, rule.report_type, period.date_from)
                       rule.id AS rule_id, member.user_id, rule.report_type, period.date_from, period.date_to,
                       ((period.date_to + rule.deadline_days) + rule.deadline_hour * INTERVAL '1 hour')
                           AT TIME ZONE COALESCE(author.tz, 'Asia/Shanghai') AT TIME ZONE 'UTC' AS deadline,
                       rule.remind_hours,
                       COALESCE(author.tz, 'Asia/Shanghai') AS tz
                  FROM period
                  JOIN dealer_work_report_rule rule ON rule.id = period.rule_id
                  JOIN member ON member.rule_id = rule.id
                  JOIN res_users account ON account.id = member.user_id AND account.active
                  JOIN res_partner author ON author.id = account.partner_id
                 ORDER BY member.user_id, rule.report_type, period.date_from, 6
            )
            SELECT rule_id, user_id, report_type, date_from, date_to, deadline,
                   deadline - remind_hours * INTERVAL '1 hour' AS remind_at
              FROM expected
             WHERE date_from <= (%(now)s::timestamp AT TIME ZONE 'UTC' AT TIME ZONE tz)::date
        """, now=now)
