from odoo import api, models


class DealerSalesDashboard(models.AbstractModel):
    _inherit = "dealer.sales.dashboard"

    @api.model
    @api.readonly
    def get_dashboard(self, period="month", period_date=None, limit=5):
        """The dashboard with the month's visit coverage beside the other
        figures: each customer read once for the month, as of its last day
        (today for the running month), with the reader's access rules."""
        dashboard = super().get_dashboard(period=period, period_date=period_date, limit=limit)
        reader = self.with_context(dealer_period=dashboard["period"], dealer_period_date=period_date)
        start, end, previous_start, previous_end = reader.env["dealer.report.period"]._dealer_periods()
        Coverage = self.env["dealer.visit.coverage"]

        def coverage(date_from, date_to):
            [(share,)] = Coverage._read_group(
                [("period", "=", "month"), ("date", ">=", date_from), ("date", "<=", date_to)], [],
                ["coverage:avg"])
            return round(share or 0.0, 1)

        current, previous = coverage(start, end), coverage(previous_start, previous_end)
        dashboard["kpis"].append({
            "key": "visit_coverage",
            "label": self.env._("Visit Coverage"),
            "monetary": False,
            "percent": True,
            "value": current,
            "previous": previous,
            "change": round(100 * (current - previous) / previous, 1) if previous else None,
            "action": "dealer_crm_route.dealer_visit_coverage_action",
        })
        return dashboard
