from odoo import api, models


class DealerMonthlyReport(models.AbstractModel):
    """The monthly management report: the dashboard of a month, printed."""

    _name = "report.dealer_crm_reports.dealer_monthly_report"
    _description = "Dealer CRM Monthly Management Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        dashboard = self.env["dealer.sales.dashboard"].get_dashboard(
            period=data.get("period", "month"), period_date=data.get("period_date"), limit=10,
        )
        return {
            "doc_ids": docids,
            "docs": self.env["res.company"].browse(docids),
            "dashboard": dashboard,
            "currency": self.env["res.currency"].browse(dashboard["currency_id"]),
        }
