from datetime import date

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.dealer_target import MONTH_FIELDS, TARGET_METRICS, TARGET_TYPES


class DealerTargetReport(models.Model):
    """Target and actual of every target, month by month, summed on each
    read from the monthly sales summary (see ``dealer.sales.summary``).

    A salesperson's actual is their own facts; a team's, those of its
    current members; a region's, those of the customers of the region and
    its sub-regions. Months are the salespeople's local months."""

    _name = "dealer.target.report"
    _description = "Sales Target Analysis"
    _auto = False
    # What the query reads besides the monthly summary, flushed before it runs.
    _depends = {
        "dealer.target": ["active", "company_id", "metric", "region_id", "target_type", "team_id", "user_id",
                          "year", *MONTH_FIELDS],
        "crm.team.member": ["active", "crm_team_id", "user_id"],
        "dealer.region": ["parent_path"],
    }
    _order = "month, target_id"
    _rec_name = "target_id"

    target_id = fields.Many2one("dealer.target", string="Sales Target", readonly=True)
    target_type = fields.Selection(TARGET_TYPES, string="Target For", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    region_id = fields.Many2one("dealer.region", string="Region", readonly=True)
    metric = fields.Selection(TARGET_METRICS, string="Metric", readonly=True)
    year = fields.Integer(string="Year", readonly=True, aggregator=None)
    month = fields.Date(string="Month", readonly=True)
    target_value = fields.Float(string="Target", readonly=True)
    actual_value = fields.Float(string="Achieved", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)

    @property
    def _table_query(self):
        month_values = SQL(", ").join(SQL.identifier("target", field_name) for field_name in MONTH_FIELDS)
        [[first_year, last_year]] = self.env.execute_query(SQL("SELECT MIN(year), MAX(year) FROM dealer_target"))
        this_year = fields.Date.context_today(self).year
        return SQL(
            """
            WITH fact AS (
                SELECT metric, user_id, region_id, company_id, month, amount
                  FROM dealer_sales_summary
                 WHERE month BETWEEN %(first_month)s AND %(last_month)s
            ), by_user AS (
                SELECT metric, user_id, company_id, month, SUM(amount) AS amount
                  FROM fact WHERE user_id IS NOT NULL GROUP BY metric, user_id, company_id, month
            ), by_region AS (
                SELECT metric, region_id, company_id, month, SUM(amount) AS amount
                  FROM fact WHERE region_id IS NOT NULL GROUP BY metric, region_id, company_id, month
            ), actual AS (
                SELECT target.id AS target_id, by_user.month, by_user.amount
                  FROM dealer_target target
                  JOIN by_user ON by_user.metric = target.metric AND by_user.company_id = target.company_id
                              AND by_user.user_id = target.user_id
                 WHERE target.target_type = 'user'
                 UNION ALL
                SELECT target.id, by_user.month, by_user.amount
                  FROM dealer_target target
                  JOIN crm_team_member member ON member.crm_team_id = target.team_id AND member.active
                  JOIN by_user ON by_user.metric = target.metric AND by_user.company_id = target.company_id
                              AND by_user.user_id = member.user_id
                 WHERE target.target_type = 'team'
                 UNION ALL
                SELECT target.id, by_region.month, by_region.amount
                  FROM dealer_target target
                  JOIN dealer_region top ON top.id = target.region_id
                  JOIN dealer_region region ON region.parent_path LIKE top.parent_path || '%%'
                  JOIN by_region ON by_region.metric = target.metric AND by_region.company_id = target.company_id
                                AND by_region.region_id = region.id
                 WHERE target.target_type = 'region'
            ), planned AS (
                SELECT target.id AS target_id, make_date(target.year, month_number, 1) AS month,
                       (ARRAY[%(month_values)s])[month_number] AS target_value
                  FROM dealer_target target
                 CROSS JOIN generate_series(1, 12) AS month_number
                 WHERE target.active
            ), value AS (
                -- Targets and actuals side by side, added up rather than joined: no join
                -- estimate to go wrong.
                SELECT target_id, month, target_value, 0 AS actual_value FROM planned
                 UNION ALL
                SELECT target_id, month, 0, amount FROM actual
            )
            SELECT target.id * 12 + EXTRACT(MONTH FROM value.month)::int - 1 AS id, target.id AS target_id,
                   target.target_type, target.user_id, target.team_id, target.region_id, target.metric,
                   target.year, target.company_id, value.month,
                   SUM(value.target_value) AS target_value, SUM(value.actual_value) AS actual_value
              FROM value
              JOIN dealer_target target ON target.id = value.target_id
             WHERE target.active AND EXTRACT(YEAR FROM value.month) = target.year
             GROUP BY target.id, value.month
            """,
            month_values=month_values, first_month=date(first_year or this_year, 1, 1),
            last_month=date(last_year or this_year, 12, 1),
        )

    @api.model
    def _actuals(self, target_ids):
        """{target id: {month number: actual}} of the given targets."""
        groups = self.sudo()._read_group(
            [("target_id", "in", target_ids)], ["target_id", "month:month"], ["actual_value:sum"],
        )
        actuals = {}
        for target, month, actual in groups:
            actuals.setdefault(target.id, {})[month.month] = actual
        return actuals
