from datetime import datetime, time, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_crm_field.tools.geo import haversine_m

from .common import HANGZHOU, NEIGHBOUR, PIN, DealerRouteCommon

# A position 1 km south of 上海鑫达五金商行's pin: where 张伟's day starts.
NEAR_PIN = (PIN[0] - 0.009, PIN[1])


@tagged("post_install", "-at_install")
class TestVisitPlan(DealerRouteCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["dealer.visit.plan"]
        cls.Line = cls.env["dealer.visit.plan.line"]
        cls.today = cls.user_salesperson._dealer_local_today()
        # Importance A and B in 上海; D in 杭州, 165 km away: another day's trip.
        cls.customer_a.dealer_importance = "3"
        cls.customer_neighbour.dealer_importance = "2"
        cls.customer_hangzhou.dealer_importance = "0"

    def plan_my_day(self, user=None, position=NEAR_PIN):
        Plan = self.Plan.with_user(user or self.user_salesperson)
        action = Plan.action_plan_my_day(*position) if position else Plan.action_plan_my_day()
        return Plan.browse(action["res_id"])

    def stops(self, plan):
        return plan.line_ids.sorted("sequence")

    def set_visits_per_day(self, count):
        self.env["ir.config_parameter"].sudo().set_param("dealer_crm.route_visits_per_day", count)

    def local(self, hour, minute=0, day=None, user=None):
        """The stored (UTC) time of ``hour``:``minute`` on the salesperson's local ``day``."""
        return (user or self.user_salesperson)._dealer_to_utc(datetime.combine(day or self.today, time(hour, minute)))

    def past_plan(self, days_ago=1, customers=None):
        """A plan of an earlier day, as a manager records it."""
        return self.Plan.with_user(self.user_manager).create({
            "user_id": self.user_salesperson.id,
            "date": self.today - timedelta(days=days_ago),
            "line_ids": [Command.create({"partner_id": customer.id})
                         for customer in (customers or self.customer_a)],
        })

    # Plan my Day -----------------------------------------------------------

    def test_plan_my_day_takes_the_most_important_customers_due_in_a_short_route(self):
        self.set_visits_per_day(1)
        plan = self.plan_my_day()
        self.assertEqual(plan.line_ids.partner_id, self.customer_a, "the A customer first: one visit a day")
        plan.unlink()
        self.set_visits_per_day(6)
        plan = self.plan_my_day()
        self.assertEqual(plan.user_id, self.user_salesperson)
        self.assertEqual(plan.date, self.today, "the salesperson's local today")
        self.assertEqual(plan.start_point, "position")
        stops = self.stops(plan)
        self.assertEqual(stops.partner_id, self.customer_a | self.customer_neighbour,
                         "the customers due within a day's reach of the most urgent one; 杭州 waits")
        self.assertEqual(stops.partner_id[0], self.customer_a, "the nearest first")
        self.assertAlmostEqual(stops[0].distance_km, haversine_m(*NEAR_PIN, *PIN) / 1000, places=6)
        self.assertAlmostEqual(stops[1].distance_km, haversine_m(*PIN, *NEIGHBOUR) / 1000, places=6)
        self.assertAlmostEqual(plan.total_distance_km, sum(stops.mapped("distance_km")), places=6)
        self.assertEqual(stops[0].planned_time, self.local(9, 2), "leaving at 9:00, 1 km at 25 km/h")
        self.assertGreater(stops[1].planned_time, stops[0].planned_time + timedelta(minutes=45))
        self.assertEqual(set(stops.mapped("state")), {"planned"})

        # Asked again, the plan is kept; a customer due since joins it.
        shop = self._create_customer("上海新开五金店", self.user_salesperson,
                                     partner_latitude=PIN[0] - 0.004, partner_longitude=PIN[1])
        self.assertEqual(self.plan_my_day(), plan)
        self.assertEqual(self.stops(plan).partner_id[0], shop, "routed again: the new shop is on the way")
        self.assertEqual(len(plan.line_ids), 3)

    def test_plan_my_day_skips_customers_not_due_and_those_visited_today(self):
        self.check_in(self.customer_a)  # visited today
        neighbour_visit = self.check_in(self.customer_neighbour, position=NEIGHBOUR)
        neighbour_visit.sudo().checkin_time = datetime.now() - timedelta(days=2)  # due again in 5 days
        plan = self.plan_my_day()
        self.assertEqual(plan.line_ids.partner_id, self.customer_hangzhou, "due, and nothing else is")

    def test_a_follow_up_due_is_planned_even_when_no_visit_is_due(self):
        visit = self.check_in(self.customer_neighbour, position=NEIGHBOUR)
        visit.sudo().checkin_time = datetime.now() - timedelta(days=2)
        yesterday = self.today - timedelta(days=1)
        self.env["dealer.followup"].with_user(self.user_salesperson).create({
            "partner_id": self.customer_neighbour.id,
            "date": datetime.now() - timedelta(days=2),
            "content": "客户要求昨天上午带样品",
            "next_date": self.local(10, day=yesterday),
        })
        self.assertEqual(self.customer_neighbour.next_followup_date, self.local(10, day=yesterday))
        plan = self.plan_my_day()
        self.assertIn(self.customer_neighbour, plan.line_ids.partner_id)

    def test_the_days_customer_events_keep_their_times(self):
        event = self.env["calendar.event"].with_user(self.user_salesperson).create({
            "name": "拜访：送合同",
            "user_id": self.user_salesperson.id,
            "dealer_partner_id": self.customer_neighbour.id,
            "start": self.local(15),
            "stop": self.local(16),
        })
        self.set_visits_per_day(2)
        plan = self.plan_my_day()
        stops = self.stops(plan)
        self.assertEqual(len(stops), 2, "the event counts among the day's visits")
        event_stop = stops.filtered("event_id")
        self.assertEqual(event_stop.event_id, event)
        self.assertEqual(event_stop.partner_id, self.customer_neighbour)
        self.assertEqual(event_stop.planned_time, self.local(15), "an event keeps its time")
        self.assertEqual(stops.partner_id, self.customer_neighbour | self.customer_a)

    def test_an_all_day_event_is_a_visit_at_any_time(self):
        self.customer_hangzhou.dealer_importance = "0"
        event = self.env["calendar.event"].with_user(self.user_salesperson).create({
            "name": "全天：杭州客户盘点",
            "user_id": self.user_salesperson.id,
            "dealer_partner_id": self.customer_hangzhou.id,
            "allday": True,
            "start": datetime.combine(self.today, time(8)),
            "stop": datetime.combine(self.today, time(18)),
        })
        self.set_visits_per_day(1)
        plan = self.plan_my_day(position=HANGZHOU)
        self.assertEqual(plan.line_ids.event_id, event, "the day's event first, whatever the importance")
        self.assertEqual(plan.line_ids.planned_time, self.local(9), "no time of its own: routed from 9:00")

    def test_plan_my_day_without_any_position_starts_at_the_first_customer(self):
        plan = self.plan_my_day(position=None)
        self.assertEqual(plan.start_point, "office")
        self.assertEqual(len(plan.line_ids), 2)
        self.assertEqual(self.stops(plan)[0].distance_km, 0.0, "the day starts at the first customer")

    def test_plan_my_week_plans_each_customer_once(self):
        plans = self.Plan.with_user(self.user_salesperson).search(
            self.Plan.with_user(self.user_salesperson).action_plan_my_week()["domain"])
        self.assertTrue(plans)
        self.assertTrue(all(plan.date >= self.today and plan.date.weekday() < 5 for plan in plans))
        self.assertEqual(len(plans), len(set(plans.mapped("date"))))
        customers = plans.line_ids.partner_id
        self.assertEqual(len(customers), len(plans.line_ids), "each customer once in the week")
        self.assertEqual(customers & (self.customer_a | self.customer_neighbour), self.customer_a | self.customer_neighbour)
        if len(plans) > 1:
            self.assertIn(self.customer_hangzhou, customers, "杭州 on another day of the week")
            self.assertNotEqual(plans.line_ids.filtered(lambda line: line.partner_id == self.customer_hangzhou).plan_id,
                                plans.line_ids.filtered(lambda line: line.partner_id == self.customer_a).plan_id)

    def test_plan_my_day_refuses_bad_positions(self):
        for position in ((float("nan"), 121.0), (91.0, 121.0), (31.0, 181.0)):
            with self.subTest(position=position), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.plan_my_day(position=position)
        self.assertFalse(self.Plan.search([("user_id", "=", self.user_salesperson.id)]))

    def test_add_a_customer_near_me_to_todays_plan(self):
        Plan = self.Plan.with_user(self.user_salesperson)
        result = Plan.action_add_to_today(self.customer_neighbour.id)
        plan = Plan.browse(result["plan_id"])
        self.assertEqual((plan.date, plan.line_ids.partner_id), (self.today, self.customer_neighbour))
        self.assertEqual(result["sequence"], 1)
        self.assertEqual(Plan.action_add_to_today(self.customer_neighbour.id), result, "once")
        result = Plan.action_add_to_today(self.customer_a.id)
        self.assertEqual(result["plan_id"], plan.id)
        self.assertEqual(len(plan.line_ids), 2)
        for bad in (True, "1", None, 1.5, 10 ** 9, 10 ** 12, -1):
            with self.subTest(bad=bad), self.assertRaises(UserError):
                Plan.action_add_to_today(bad)
        with self.assertRaises(AccessError):
            Plan.action_add_to_today(self.customer_b.id)
        self.assertEqual(len(plan.line_ids), 2)

    # A day's progress ------------------------------------------------------------

    def test_a_check_in_at_a_planned_customer_visits_its_stop(self):
        plan = self.plan_my_day()
        stop = plan.line_ids.filtered(lambda line: line.partner_id == self.customer_a)
        checkin = self.check_in(self.customer_a)
        self.assertEqual(stop.state, "visited")
        self.assertEqual(stop.checkin_id, checkin)
        self.assertEqual(plan.visited_count, 1)
        self.assertEqual(plan.achievement, 50.0)
        # Another visit the same day changes nothing.
        self.check_in(self.customer_a)
        self.assertEqual(stop.checkin_id, checkin)

    def test_a_deleted_check_in_visits_its_stop_no_more(self):
        plan = self.plan_my_day()
        stop = plan.line_ids.filtered(lambda line: line.partner_id == self.customer_a)
        first, second = self.check_in(self.customer_a), self.check_in(self.customer_a)
        self.assertEqual(stop.checkin_id, first)
        first.with_user(self.user_manager).unlink()
        self.assertEqual((stop.state, stop.checkin_id), ("visited", second), "the day's other visit counts")
        second.with_user(self.user_manager).unlink()
        self.assertEqual((stop.state, stop.checkin_id.id), ("planned", False), "no visit left: open again")
        self.assertEqual(plan.visited_count, 0)

    def test_only_the_salespersons_check_in_of_that_day_counts(self):
        past = self.past_plan()
        plan = self.plan_my_day()
        self.check_in(self.customer_a, user=self.user_manager)
        self.assertEqual(set(plan.line_ids.mapped("state")), {"planned"}, "the manager's visit is not 张伟's")
        self.check_in(self.customer_a)
        self.assertEqual(past.line_ids.state, "planned", "today's check-in does not visit yesterday's stop")

    def test_stops_still_planned_are_missed_when_the_local_day_ends(self):
        past = self.past_plan(customers=self.customer_a | self.customer_neighbour)
        plan = self.plan_my_day()
        self.assertEqual(self.Plan._cron_dealer_close_days(), 2)
        self.assertEqual(set(past.line_ids.mapped("state")), {"missed"})
        self.assertEqual(set(plan.line_ids.mapped("state")), {"planned"}, "today is not over")
        self.assertEqual(past.achievement, 0.0)
        # A visit of that day, its time corrected by a manager, still counts.
        checkin = self.check_in(self.customer_neighbour, position=NEIGHBOUR)
        checkin.with_user(self.user_manager).write({
            "checkin_time": self.local(10, day=past.date), "checkout_time": self.local(10, 30, day=past.date)})
        self.assertEqual(past.line_ids.filtered(lambda line: line.partner_id == self.customer_neighbour).state,
                         "visited")
        self.assertEqual(plan.line_ids.filtered(lambda line: line.partner_id == self.customer_neighbour).state,
                         "planned", "today's stop is open again: its check-in is yesterday's now")
        self.assertEqual(past.line_ids.filtered(lambda line: line.partner_id == self.customer_a).state, "missed")

    def test_a_skip_needs_a_reason(self):
        plan = self.plan_my_day()
        stop = plan.line_ids.filtered(lambda line: line.partner_id == self.customer_neighbour).with_user(
            self.user_salesperson)
        with self.assertRaises(UserError):
            stop.action_skip()
        with self.assertRaises(UserError):
            stop.action_skip("   ")
        with self.assertRaises(UserError):
            stop.action_skip("x" * 501)
        stop.skip_reason = "客户今天不在店里"
        stop.action_skip()
        self.assertEqual(stop.state, "skipped")
        with self.assertRaises(UserError):
            stop.action_skip("again")
        self.check_in(self.customer_neighbour, position=NEIGHBOUR)
        self.assertEqual(stop.state, "visited", "a skipped stop visited after all")

    def test_plan_versus_actual_by_salesperson(self):
        past = self.past_plan(customers=self.customer_a | self.customer_neighbour)
        self.Plan._cron_dealer_close_days()
        plan = self.plan_my_day()
        self.check_in(self.customer_a)
        groups = self.Line.with_user(self.user_manager)._read_group(
            [("user_id", "=", self.user_salesperson.id)], ["date:day"], ["visited_rate:avg", "__count"])
        rates = {day: (rate, count) for day, rate, count in groups}
        self.assertEqual(set(rates), {past.date, plan.date})
        self.assertEqual(rates[past.date], (0.0, 2))
        self.assertEqual(rates[plan.date], (50.0, 2))

    # Rules, from the attacker's side ---------------------------------------------

    def test_nobody_writes_a_stops_state_or_check_in(self):
        plan = self.plan_my_day()
        stop = plan.line_ids.filtered(lambda line: line.partner_id == self.customer_a).with_user(
            self.user_salesperson)
        checkin = self.check_in(self.customer_neighbour, position=NEIGHBOUR)
        for values in ({"state": "visited"}, {"checkin_id": checkin.id}, {"state": "skipped"},
                       {"plan_id": self.past_plan().id}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                stop.write(values)
        with self.assertRaises(AccessError):
            self.Line.with_user(self.user_salesperson).create({
                "plan_id": plan.id, "partner_id": self.customer_a.id, "state": "visited"})
        with self.assertRaises(AccessError):
            self.Line.with_user(self.user_salesperson).with_context(default_state="visited").create({
                "plan_id": plan.id, "partner_id": self.customer_a.id})
        with self.assertRaises(AccessError):
            stop.with_user(self.user_manager).write({"state": "visited"})
        self.assertEqual(stop.state, "planned")
        self.assertFalse(stop.checkin_id)
        self.assertEqual(plan.visited_count, 1, "only the neighbour's stop, visited by its check-in")

    def test_a_clients_context_gives_no_state_and_figures_are_not_written(self):
        checkin = self.check_in(self.customer_hangzhou, position=HANGZHOU)
        Plan = self.Plan.with_user(self.user_salesperson).with_context(
            default_state="visited", default_checkin_id=checkin.id, default_visited_rate=100)
        plan = Plan.browse(Plan.action_plan_my_day(*NEAR_PIN)["res_id"])
        self.assertEqual(set(plan.line_ids.mapped("state")), {"planned"})
        self.assertFalse(plan.line_ids.checkin_id)
        stop = plan.line_ids[:1].with_user(self.user_salesperson)
        for values in ({"visited_rate": 100}, {"distance_km": 0}, {"user_id": self.user_salesperson_b.id},
                       {"date": self.today + timedelta(days=1)}, {"region_id": self.region_north.id}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                stop.write(values)
        for values in ({"achievement": 100}, {"visited_count": 9}, {"line_count": 1}, {"total_distance_km": 0}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                plan.with_user(self.user_manager).write(values)
        self.assertEqual((plan.achievement, plan.visited_count), (0.0, 0))
        self.assertEqual(stop.visited_rate, 0.0)

    def test_bad_values_get_clear_errors(self):
        plan = self.plan_my_day()
        stop = plan.line_ids[:1].with_user(self.user_salesperson)
        for values in ({"sequence": 2 ** 40}, {"planned_time": "x"}, {"skip_reason": "x" * 10_000}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                stop.write(values)
        with self.assertRaises(ValidationError):
            plan.with_user(self.user_salesperson).write({"start_latitude": float("nan")})

    def test_a_plan_holds_forty_stops_at_most(self):
        plan = self.plan_my_day()
        shops = self.env["res.partner"].create([{
            "name": f"上海五金店{n}", "is_company": True, "is_dealer": True, "user_id": self.user_salesperson.id,
        } for n in range(40)])
        with self.assertRaises(UserError):
            self.Line.with_user(self.user_salesperson).create([
                {"plan_id": plan.id, "partner_id": shop.id} for shop in shops])
        self.assertEqual(len(plan.line_ids), 2)

    def test_a_stop_planned_after_its_visit_is_visited(self):
        checkin = self.check_in(self.customer_hangzhou, position=HANGZHOU)
        result = self.Plan.with_user(self.user_salesperson).action_add_to_today(self.customer_hangzhou.id)
        stop = self.Line.search([("plan_id", "=", result["plan_id"]), ("partner_id", "=", self.customer_hangzhou.id)])
        self.assertEqual((stop.state, stop.checkin_id), ("visited", checkin))

    def test_a_salesperson_plans_his_own_days_from_today(self):
        Plan = self.Plan.with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            Plan.create({"user_id": self.user_salesperson_b.id, "date": self.today})
        with self.assertRaises(AccessError):
            Plan.create({"date": self.today - timedelta(days=1)})
        plan = self.plan_my_day()
        for values in ({"user_id": self.user_salesperson_b.id}, {"date": self.today - timedelta(days=3)}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                plan.with_user(self.user_salesperson).write(values)
        with self.assertRaises(AccessError):
            self.Line.with_user(self.user_salesperson).create({"plan_id": plan.id, "partner_id": self.customer_b.id})
        with self.assertRaises(AccessError):
            plan.line_ids[:1].with_user(self.user_salesperson).partner_id = self.customer_b
        self.assertNotIn(self.customer_b, plan.line_ids.partner_id)

        past = self.past_plan()
        past_as_salesperson = past.with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            past_as_salesperson.line_ids.unlink()
        with self.assertRaises(AccessError):
            past_as_salesperson.line_ids.sequence = 5
        with self.assertRaises(AccessError):
            self.Line.with_user(self.user_salesperson).create({"plan_id": past.id, "partner_id": self.customer_hangzhou.id})
        with self.assertRaises(AccessError):
            past_as_salesperson.unlink()
        self.assertEqual(past.line_ids.partner_id, self.customer_a)

    def test_reordering_today_moves_the_distances(self):
        plan = self.plan_my_day()
        stops = self.stops(plan).with_user(self.user_salesperson)
        first, last = stops[0], stops[-1]
        first.sequence, last.sequence = last.sequence, first.sequence
        self.assertEqual(self.stops(plan)[0], last)
        self.assertAlmostEqual(
            last.distance_km,
            haversine_m(*NEAR_PIN, last.partner_latitude, last.partner_longitude) / 1000, places=3)
        stops[1].unlink()
        self.assertEqual(len(plan.line_ids), 1)

    def test_who_sees_which_plans(self):
        plan = self.plan_my_day()
        plan_b = self.plan_my_day(user=self.user_salesperson_b)
        other = self.plan_my_day(user=self.user_salesperson_other_team)
        self.assertEqual(self.Plan.with_user(self.user_salesperson).search([]), plan)
        self.assertEqual(self.Line.with_user(self.user_salesperson).search([]).plan_id, plan)
        self.assertEqual(self.Plan.with_user(self.user_manager).search([("id", "in", (plan | plan_b | other).ids)]),
                         plan | plan_b, "a manager sees the team he leads")
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.user_back_office).search([])
        with self.assertRaises(AccessError):
            plan_b.with_user(self.user_salesperson).read(["name"])

        # A manager adjusts a past day of his team: removes a stop missed.
        past = self.past_plan(customers=self.customer_a | self.customer_neighbour)
        self.Plan._cron_dealer_close_days()
        past.line_ids[:1].with_user(self.user_manager).unlink()
        self.assertEqual(len(past.line_ids), 1)
        with self.assertRaises(AccessError):
            past.with_user(self.user_manager).write({"user_id": self.user_salesperson_other_team.id})
