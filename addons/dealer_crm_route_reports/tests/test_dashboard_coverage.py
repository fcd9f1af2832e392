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
        checkin = self.check_in(customers[0])
        today = self.user_salesperson._dealer_local_today()
        checkin.sudo().checkin_time = self.user_salesperson._dealer_to_utc(datetime.combine(today, time(9)))
        self.env.flush_all()
        kpi = self.kpi(self.user_salesperson)
        self.assertEqual(kpi["value"], round(100 / len(customers), 1), "one of the salesperson's customers visited")
        self.assertTrue(kpi["percent"])
        self.assertTrue(self.env.ref(kpi["action"]), "the card opens the coverage report")
        self.assertEqual(self.kpi(self.user_salesperson_b)["value"], 0.0,
                         "another salesperson's figure counts their own customers only")
