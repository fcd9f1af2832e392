from odoo import api, fields, models

DASHBOARD_PERIODS = ("month", "last_month")


class DealerSalesDashboard(models.AbstractModel):
    """The management dashboard's figures: the key figures of a month
    against the month before, the TOP customers and the leaderboard's head,
    each read with the reader's access rules (a salesperson sees their own
    figures, a manager their teams' and regions')."""

    _name = "dealer.sales.dashboard"
    _description = "Dealer CRM Management Dashboard"

    @api.model
    def _kpi_labels(self):
        return [
            ("new_customer_count", self.env._("New Customers"), False),
            ("followup_count", self.env._("Follow-ups"), False),
            ("checkin_count", self.env._("Check-ins"), False),
            ("order_count", self.env._("Orders"), False),
            ("revenue", self.env._("Revenue"), True),
            ("payment_amount", self.env._("Payments Collected"), True),
        ]

    @api.model
    def _kpi_values(self, date_from, date_to):
        """{figure: value} of the whole months from ``date_from`` to
        ``date_to``: the sales from the monthly summary, the field work
        counted on the reader's local days; both as the reader may see them."""
        values = dict.fromkeys(key for key, _label, _monetary in self._kpi_labels())
        sums = {metric: (count, amount) for metric, count, amount in self.env["dealer.sales.summary"]._read_group(
            [("month", ">=", date_from), ("month", "<=", date_to)], ["metric"], ["record_count:sum", "amount:sum"],
        )}
        values["new_customer_count"] = sums.get("new_customers", (0, 0))[0]
        values["order_count"], values["revenue"] = sums.get("contract_amount", (0, 0))
        values["payment_amount"] = sums.get("payment_amount", (0, 0))[1]
        start, _end = self.env.user._dealer_local_day_bounds(date_from)
        _start, end = self.env.user._dealer_local_day_bounds(date_to)
        values["followup_count"] = self.env["dealer.followup"].search_count([("date", ">=", start), ("date", "<", end)])
        values["checkin_count"] = self.env["dealer.checkin"].search_count(
            [("checkin_time", ">=", start), ("checkin_time", "<", end)])
        return values

    @api.model
    @api.readonly
    def get_dashboard(self, period="month", period_date=None, limit=5):
        """The dashboard of ``period`` (``month`` or ``last_month``) around
        ``period_date`` (the user's today by default)."""
        period = period if period in DASHBOARD_PERIODS else "month"
        reader = self.with_context(dealer_period=period, dealer_period_date=period_date)
        start, end, previous_start, previous_end = reader.env["dealer.report.period"]._dealer_periods()
        current, previous = self._kpi_values(start, end), self._kpi_values(previous_start, previous_end)
        kpis = [{
            "key": key, "label": label, "monetary": monetary, "value": current[key], "previous": previous[key],
            "change": round(100 * (current[key] - previous[key]) / previous[key], 1) if previous[key] else None,
        } for key, label, monetary in self._kpi_labels()]
        # search_fetch: each view computed once, rows and values in the same query.
        customers = reader.env["dealer.customer.ranking"].search_fetch(
            [("rank", "<=", limit)], ["rank", "partner_id", "revenue", "share", "growth"], limit=limit)
        leaders = reader.env["dealer.sales.leaderboard"].search_fetch(
            [], ["revenue_rank", "user_id", "revenue", "revenue_rank_change"], order="revenue_rank", limit=limit)
        currency = self.env.company.currency_id
        return {
            "period": period,
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(end),
            "currency_id": currency.id,
            "kpis": kpis,
            "top_customers": [{
                "rank": row.rank, "name": row.partner_id.display_name, "revenue": row.revenue,
                "share": row.share, "growth": row.growth,
            } for row in customers],
            "leaders": [{
                "rank": row.revenue_rank, "name": row.user_id.name, "revenue": row.revenue,
                "rank_change": row.revenue_rank_change,
            } for row in leaders],
        }

    @api.model
    @api.readonly
    def action_print_monthly_report(self, period="month", period_date=None):
        """The monthly management report (PDF) of the dashboard's month."""
        return self.env.ref("dealer_crm_reports.dealer_monthly_report_action").report_action(
            self.env.company, data={"period": period, "period_date": period_date},
        )
