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
        # One read of the coverage for both periods, by month: the report
        # builds every customer's history once a read.
        months = self.env["dealer.visit.coverage"]._read_group(
            [("period", "=", "month"), ("date", ">=", min(start, previous_start)),
             ("date", "<=", max(end, previous_end))],
            ["date:month"], ["covered_count:sum", "customer_count:sum"])

        def coverage(date_from, date_to):
            covered = sum(count for month, count, _customers in months if date_from <= month <= date_to)
            customers = sum(customers for month, _count, customers in months if date_from <= month <= date_to)
            return round(100 * covered / customers, 1) if customers else 0.0

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
