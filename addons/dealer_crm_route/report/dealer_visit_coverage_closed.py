from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL


class DealerVisitCoverageClosed(models.Model):
    """The visit coverage of the weeks and months that are over, kept as it
    was read once they closed everywhere (two UTC days after their last
    day), so that the report computes only the running periods: what a
    customer's importance, region or spans become later does not rewrite a
    closed week.

    Written only by ``_store_closed_periods`` (the nightly job), period by
    period and oldest first, so that what is kept of each kind is always
    every period up to the latest one kept."""

    _name = "dealer.visit.coverage.closed"
    _inherit = "dealer.visit.coverage.row"
    _description = "Visit Coverage of a Closed Period"
    _log_access = False
    _order = "date desc, user_id, partner_id"
    _rec_name = "partner_id"

    user_id = fields.Many2one(required=True, ondelete="cascade")
    team_id = fields.Many2one(ondelete="set null")
    partner_id = fields.Many2one(required=True, ondelete="cascade")
    region_id = fields.Many2one(ondelete="set null")
    company_id = fields.Many2one(ondelete="cascade")
    period = fields.Selection(required=True)
    date = fields.Date(required=True)
    date_end = fields.Date(required=True)
    day = fields.Date(required=True)
    covered = fields.Boolean(string="Visited in Time", readonly=True)

    _period_customer_unique = models.Constraint(
        "UNIQUE(period, date, partner_id)",
        "A customer has one row a closed period.",
    )

    @api.model
    def _cron_dealer_store_closed_periods(self):
        self._store_closed_periods(commit=True)

    @api.model
    def _store_closed_periods(self, commit=False):
        """Keep the rows of every week and month closed since the last run
        (all of them, the first time), one period a statement; with
        ``commit``, each period in its own transaction. Returns the number
        of periods kept."""
        Coverage = self.env["dealer.visit.coverage"]
        self.env.flush_all()
        [[first, today]] = self.env.execute_query(SQL(
            "SELECT (%s)::date, (now() AT TIME ZONE 'UTC')::date", Coverage._first_moment()))
        periods = [(kind, start) for kind in ("week", "month")
                   for start in self._closed_period_starts(kind, first, today - timedelta(days=2))]
        columns = SQL(", ").join(SQL.identifier(name) for name in Coverage._row_columns())
        for done, (kind, start) in enumerate(periods, 1):
            self.env.execute_query(SQL(
                """INSERT INTO dealer_visit_coverage_closed (%(columns)s)
                   SELECT %(columns)s FROM (%(live)s) live WHERE live.period = %(kind)s AND live.date = %(start)s
                   ON CONFLICT (period, date, partner_id) DO NOTHING""",
                columns=columns, live=Coverage._live_rows(), kind=kind, start=start,
            ))
            if commit and not self.env["ir.cron"]._commit_progress(1, remaining=len(periods) - done):
                break
        self.invalidate_model()
        return len(periods)

    @api.model
    def _closed_period_starts(self, kind, first, last_day):
        """The first days of the periods of ``kind`` that end by
        ``last_day`` and come after the last one kept (from ``first`` when
        none is)."""
        step = timedelta(weeks=1) if kind == "week" else relativedelta(months=1)
        kept = self.env.execute_query(SQL(
            "SELECT date FROM dealer_visit_coverage_closed WHERE period = %s ORDER BY date DESC LIMIT 1", kind))
        if kept:
            start = kept[0][0] + step
        else:
            start = first - timedelta(days=first.weekday()) if kind == "week" else first.replace(day=1)
        starts = []
        while start + step - timedelta(days=1) <= last_day:
            starts.append(start)
            start += step
        return starts
