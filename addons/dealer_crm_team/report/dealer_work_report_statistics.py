from odoo import fields, models
from odoo.tools import SQL

from ..models.dealer_work_report_rule import REPORT_TYPES

SUBMISSION_STATUSES = [
    ("on_time", "On Time"),
    ("late", "Late"),
    ("missing", "Not Submitted"),
    ("pending", "Not Yet Due"),
]


class DealerWorkReportStatistics(models.Model):
    """Every report the submission rules expect, with whether it came on
    time, late, not at all, or is not yet due: per person, type and
    period. Computed from the rules and the reports on every read."""

    _name = "dealer.work.report.statistics"
    _description = "Work Report Statistics"
    _auto = False
    _order = "date_from desc, user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="Author", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    report_type = fields.Selection(REPORT_TYPES, string="Report", readonly=True)
    date_from = fields.Date(string="Period Start", readonly=True)
    date_to = fields.Date(string="Period End", readonly=True)
    deadline = fields.Datetime(string="Deadline", readonly=True)
    remind_at = fields.Datetime(string="Reminder", readonly=True)
    report_id = fields.Many2one("dealer.work.report", string="Work Report", readonly=True)
    submitted_on = fields.Datetime(string="Submitted On", readonly=True)
    status = fields.Selection(SUBMISSION_STATUSES, string="Status", readonly=True)
    expected_count = fields.Integer(string="Expected", readonly=True, aggregator="sum")
    on_time_count = fields.Integer(string="On Time", readonly=True, aggregator="sum")
    late_count = fields.Integer(string="Late", readonly=True, aggregator="sum")
    missing_count = fields.Integer(string="Not Submitted", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        now = fields.Datetime.now()
        return SQL(
            """
            SELECT expected.user_id::bigint * 100000
                       + CASE expected.report_type WHEN 'daily' THEN 0 WHEN 'weekly' THEN 1 ELSE 2 END * 30000
                       + (expected.date_from - DATE '2000-01-01') AS id,
                   expected.user_id, account.sale_team_id AS team_id, expected.report_type,
                   expected.date_from, expected.date_to, expected.deadline, expected.remind_at,
                   report.id AS report_id, report.submitted_on, status.status,
                   (status.status != 'pending')::int AS expected_count,
                   (status.status = 'on_time')::int AS on_time_count,
                   (status.status = 'late')::int AS late_count,
                   (status.status = 'missing')::int AS missing_count
              FROM (%(expected)s) AS expected
              JOIN res_users account ON account.id = expected.user_id
              LEFT JOIN dealer_work_report report
                     ON report.user_id = expected.user_id AND report.report_type = expected.report_type
                    AND report.date_from = expected.date_from AND report.state != 'draft'
             CROSS JOIN LATERAL (
                SELECT CASE WHEN report.submitted_on <= expected.deadline THEN 'on_time'
                            WHEN report.submitted_on IS NOT NULL THEN 'late'
                            WHEN %(now)s > expected.deadline THEN 'missing'
                            ELSE 'pending' END AS status
             ) AS status
            """,
            expected=self.env["dealer.work.report.rule"]._sql_expected(now), now=now,
        )
