from datetime import datetime, time

from odoo.tests import tagged

from odoo.addons.dealer_crm_route.tests.common import DealerRouteCommon


@tagged("post_install", "-at_install")
class TestDashboardCoverage(DealerRouteCommon):

    def kpi(self, user):
        dashboard = self.env["dealer.sales.dashboard"].with_user(user).get_dashboard()
        return next(kpi for kpi in dashboard["kpis"] if kpi["key"] == "visit_coverage")

    def test_month_coverage_as_the_reader_sees_it(self):
        customers = self.env["res.partner"].search(
            [("user_id", "=", self.user_salesperson.id), ("is_dealer", "=", True), ("is_company", "=", True)])
        self.assertGreaterEqual(len(customers), 2)
        today = self.user_salesperson._dealer_from_utc(self.env.cr.now()).date()
        moment = self.user_salesperson._dealer_to_utc(datetime.combine(today, time(0, 1)))
        self.check_in(customers[0]).sudo().checkin_time = moment
        self.env.flush_all()
        kpi = self.kpi(self.user_salesperson)
        self.assertEqual(kpi["value"], round(100 / len(customers), 1), "one of the salesperson's customers visited")
        self.assertTrue(kpi["percent"])
        self.assertTrue(self.env.ref(kpi["action"]), "the card opens the coverage report")
        self.assertEqual(self.kpi(self.user_salesperson_b)["value"], 0.0,
                         "another salesperson's figure counts their own customers only")
        self.check_in(self.customer_b, user=self.user_salesperson_b).sudo().checkin_time = moment
        self.env.flush_all()
        customers_b = self.env["res.partner"].search_count(
            [("user_id", "=", self.user_salesperson_b.id), ("is_dealer", "=", True), ("is_company", "=", True)])
        self.assertEqual(self.kpi(self.user_salesperson_b)["value"], round(100 / customers_b, 1))
        self.assertEqual(self.kpi(self.user_salesperson)["value"], kpi["value"], "B's visit is no part of A's")

    def test_monthly_report_prints_the_coverage_as_a_percentage(self):
        self.check_in(self.customer_a)
        self.env.flush_all()
        value = self.kpi(self.env.user)["value"]
        self.assertGreater(value, 0)
        report = self.env.ref("dealer_crm_reports.dealer_monthly_report_action")
        html = report._render_qweb_html(report.report_name, self.env.company.ids, data={"period": "month"})[0].decode()
        self.assertIn("Visit Coverage", html)
        self.assertIn(f"{value:.1f}%", html)
