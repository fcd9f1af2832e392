from odoo.tests import HttpCase, tagged

from .common import PIN, DealerRouteCommon

# The salesperson's home, 1 km south of 上海鑫达五金商行: the day starts there.
HOME = (PIN[0] - 0.009, PIN[1])


@tagged("post_install", "-at_install")
class TestRouteUiMobile(HttpCase, DealerRouteCommon):
    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_salesperson.partner_id.write({"partner_latitude": HOME[0], "partner_longitude": HOME[1]})
        cls.Plan = cls.env["dealer.visit.plan"]

    def test_plan_my_day_and_check_in_from_the_plan(self):
        self.start_tour("/odoo/dealer-plan", "dealer_crm_route_plan_my_day_mobile", login=self.user_salesperson.login)
        plan = self.Plan.search([("user_id", "=", self.user_salesperson.id)])
        self.assertEqual(len(plan.line_ids), 2, "杭州 is out of the day's reach")
        stop = plan.line_ids.filtered(lambda line: line.partner_id == self.customer_a)
        self.assertEqual(stop.sequence, 1)
        self.assertEqual(stop.state, "visited")
        self.assertEqual(stop.checkin_id.user_id, self.user_salesperson)
        self.assertEqual(stop.checkin_id.event_id, self.env["calendar.event"])

    def test_the_map_without_tiles(self):
        self.env.company.dealer_map_tiles = "none"
        self.Plan.with_user(self.user_salesperson).action_my_plan()
        self.start_tour("/odoo/dealer-map", "dealer_crm_route_map_mobile", login=self.user_salesperson.login)
