from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

PERIOD_MONTHS = {"month": 1, "last_month": 1, "quarter": 3, "year": 12}


class DealerReportPeriod(models.AbstractModel):
    """The period a ranking is computed for, chosen by the search filters
    through the context: ``dealer_period`` is ``month`` (the default),
    ``last_month``, ``quarter`` or ``year``, around ``dealer_period_date``
    (a day, the user's today by default); the previous period is the one of
    the same length just before."""

    _name = "dealer.report.period"
    _description = "Dealer CRM Analysis Period"

    period_start = fields.Date(string="Period Start", readonly=True)
    period_end = fields.Date(string="Period End", readonly=True)

    @api.model
    def _dealer_periods(self):
        """(first day, last day, previous period's first day, its last day)."""
        context = self.env.context
        today = fields.Date.to_date(context.get("dealer_period_date")) or self.env.user._dealer_local_today()
        period = context.get("dealer_period") if context.get("dealer_period") in PERIOD_MONTHS else "month"
        months = PERIOD_MONTHS[period]
        if period == "year":
            start = date(today.year, 1, 1)
        elif period == "quarter":
            start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        else:
            start = today.replace(day=1) - relativedelta(months=int(period == "last_month"))
        end = start + relativedelta(months=months) - timedelta(days=1)
        return start, end, start - relativedelta(months=months), start - timedelta(days=1)
