from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesFactsCommon

MARCH = [("date", ">=", date(2026, 3, 1)), ("date", "<=", date(2026, 3, 31))]


# Payments need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestDealerSalesReports(DealerSalesFactsCommon):
    """Each report's totals equal the same totals computed from the source
    records: cancelled orders, a refund, two currencies and an archived
    customer included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.customer_a | cls.customer_b | cls.customer_other_team
        cls.order_a = cls._sale(cls.customer_a, datetime(2026, 3, 5, 2, 0), 1000)
        cls._sale(cls.customer_a, datetime(2026, 3, 6, 2, 0), 100, pricelist=cls.other_pricelist)  # 200 in CNY
        cls._sale(cls.customer_a, datetime(2026, 3, 7, 2, 0), 500)._action_cancel()
        cls._sale(cls.customer_a, datetime(2026, 3, 8, 2, 0), 900, confirm=False)  # a quotation
        cls._sale(cls.customer_b, datetime(2026, 3, 7, 2, 0), 300)
        cls._sale(cls.customer_b, datetime(2026, 2, 10, 2, 0), 800)
        cls._sale(cls.customer_other_team, datetime(2026, 3, 8, 2, 0), 700)
        invoice = cls._invoice(cls.order_a, datetime(2026, 3, 9, 2, 0))
        cls._pay_invoice(invoice, date(2026, 3, 10), 400)
        cls._payment(cls.customer_a, date(2026, 3, 11), 50, payment_type="outbound")  # money paid back
        cls._payment(cls.customer_other_team, date(2026, 3, 12), 700)
        with freeze_time(datetime(2026, 3, 12, 2, 0)):
            for customer in (cls.customer_a, cls.customer_a, cls.customer_b):
                cls.env["dealer.followup"].with_user(customer.user_id).create({
                    "partner_id": customer.id, "date": datetime(2026, 3, 12, 2, 0), "content": "回访",
                    "method": "phone",
                })
        cls.customer_other_team.action_archive()

    def _source_revenue(self, customers):
        orders = self.env["sale.order"].search([
            ("partner_id", "in", customers.ids), ("state", "=", "sale"),
            ("date_order", ">=", datetime(2026, 2, 28, 16, 0)), ("date_order", "<", datetime(2026, 3, 31, 16, 0)),
        ])
        return sum(order.amount_total / order.currency_rate for order in orders)

    def _source_payments(self, customers):
        payments = self.env["account.payment"].search([
            ("partner_id", "in", customers.ids), ("partner_type", "=", "customer"),
            ("state", "in", ("in_process", "paid")), ("date", ">=", date(2026, 3, 1)), ("date", "<=", date(2026, 3, 31)),
        ])
        return sum(payments.mapped("amount_company_currency_signed"))

    def _sum(self, model, field_name, domain=(), user=None, **context):
        Report = self.env[model].with_context(**context)
        if user:
            Report = Report.with_user(user)
        [[total]] = Report._read_group(list(domain), [], [f"{field_name}:sum"])
        return total

    def test_channel_and_region_totals_equal_the_sources(self):
        domain = MARCH + [("partner_id", "in", self.customers.ids)]
        revenue = self._sum("dealer.sales.analysis", "revenue", domain)
        self.assertAlmostEqual(revenue, self._source_revenue(self.customers))
        self.assertAlmostEqual(revenue, 1000 + 200 + 300 + 700, msg="cancelled orders and quotations excluded")
        payments = self._sum("dealer.sales.analysis", "payment_amount", domain)
        self.assertAlmostEqual(payments, self._source_payments(self.customers))
        self.assertAlmostEqual(payments, 400 - 50 + 700, msg="money paid back counts negative")
        self.assertEqual(self._sum("dealer.sales.analysis", "order_count", domain), 4)
        # Sub-regions roll up: 浦东 is in 上海, in 华东区.
        east = MARCH + [("region_id", "child_of", self.region_east.id), ("partner_id", "in", self.customers.ids)]
        self.assertAlmostEqual(self._sum("dealer.sales.analysis", "revenue", east), 1200)
        by_channel = dict(self.env["dealer.sales.analysis"]._read_group(
            domain, ["channel_id"], ["revenue:sum"]))
        self.assertAlmostEqual(by_channel[self.channel_hardware], 2200)

    def test_drill_down_to_the_source(self):
        rows = self.env["dealer.sales.analysis"].search(MARCH + [("partner_id", "=", self.customer_a.id)])
        order_row = rows.filtered(lambda row: row.order_id == self.order_a)
        self.assertEqual(order_row.action_open_source()["res_model"], "sale.order")
        self.assertEqual(order_row.action_open_source()["res_id"], self.order_a.id)
        payment_row = rows.filtered(lambda row: row.metric == "payment_amount")[:1]
        self.assertEqual(payment_row.action_open_source()["res_model"], "account.payment")

    def test_product_and_customer_sales(self):
        domain = MARCH + [("partner_id", "in", self.customers.ids), ("metric", "=", "contract_amount")]
        lines = self.env["sale.order.line"].search([
            ("order_id.partner_id", "in", self.customers.ids), ("state", "=", "sale"),
            ("order_id.date_order", ">=", datetime(2026, 2, 28, 16, 0)),
        ])
        by_product = dict(self.env["dealer.sales.analysis"]._read_group(domain, ["product_id"], ["quantity:sum"]))
        self.assertEqual(by_product, {self.product: sum(lines.mapped("product_uom_qty"))})
        by_customer = {
            customer: (orders, revenue) for customer, orders, revenue in self.env["dealer.sales.analysis"]._read_group(
                domain, ["partner_id"], ["order_count:sum", "revenue:sum"])
        }
        self.assertEqual(by_customer, {
            self.customer_a: (2, 1200), self.customer_b: (1, 300), self.customer_other_team: (1, 700),
        }, "the archived customer's sales stay in the history")

    def test_salesperson_performance(self):
        rows = {
            user: (followups, revenue, payments)
            for user, followups, revenue, payments in self.env["dealer.salesperson.performance"]._read_group(
                MARCH + [("user_id", "in", self.customers.user_id.ids)], ["user_id"],
                ["followup_count:sum", "revenue:sum", "payment_amount:sum"])
        }
        self.assertEqual(rows[self.user_salesperson], (2, 1200, 350))
        self.assertEqual(rows[self.user_salesperson_b], (1, 300, 0))
        self.assertEqual(rows[self.user_salesperson_other_team], (0, 700, 700))

    def test_top_customers_with_share_and_change(self):
        Ranking = self.env["dealer.customer.ranking"].with_context(dealer_period="month", dealer_period_date="2026-03-15")
        rows = Ranking.search([])
        mine = {row.partner_id: row for row in rows if row.partner_id in self.customers}
        self.assertEqual([mine[customer].rank for customer in (self.customer_a, self.customer_other_team,
                                                               self.customer_b)],
                         sorted(mine[customer].rank for customer in self.customers))
        self.assertAlmostEqual(sum(rows.mapped("share")), 100)
        self.assertAlmostEqual(mine[self.customer_a].share, 100 * 1200 / sum(rows.mapped("revenue")))
        self.assertAlmostEqual(mine[self.customer_b].previous_revenue, 800)
        self.assertAlmostEqual(mine[self.customer_b].growth, -62.5)
        self.assertEqual(mine[self.customer_b].rank_change,
                         mine[self.customer_b].previous_rank - mine[self.customer_b].rank)
        self.assertFalse(mine[self.customer_a].previous_rank, "no sales in February: a newcomer")
        self.assertEqual(rows[:1].period_start, date(2026, 3, 1))
        Ranking.invalidate_model()  # the same rows, read for another period
        last_month = Ranking.with_context(dealer_period="last_month").search([("partner_id", "=", self.customer_b.id)])
        self.assertAlmostEqual(last_month.revenue, 800)
        self.assertEqual(Ranking.search_count([("rank", "<=", 1)]), 1)

    def test_leaderboard_ranks_and_access(self):
        Board = self.env["dealer.sales.leaderboard"].with_context(dealer_period="month", dealer_period_date="2026-03-15")
        rows = {row.user_id: row for row in Board.with_user(self.user_salesperson_b).search([])}
        zhang, li = rows[self.user_salesperson], rows[self.user_salesperson_b]
        self.assertEqual((zhang.revenue, zhang.payment_amount, zhang.followup_count), (1200, 350, 2))
        self.assertLess(zhang.revenue_rank, li.revenue_rank)
        self.assertLess(zhang.followup_count_rank, li.followup_count_rank)
        self.assertEqual(li.revenue_rank_change, rows[self.user_salesperson_b].revenue_rank_change)
        Board.invalidate_model()  # the same rows, read for another period
        feb = Board.with_context(dealer_period="last_month").search([("user_id", "=", self.user_salesperson_b.id)])
        self.assertAlmostEqual(feb.revenue, 800)
        self.assertEqual(li.revenue_rank_change, feb.revenue_rank - li.revenue_rank)
        self.assertIn(self.user_salesperson_other_team, rows, "every salesperson sees the whole leaderboard")

    def test_each_role_sees_its_figures(self):
        domain = MARCH + [("partner_id", "in", self.customers.ids)]
        self.assertAlmostEqual(self._sum("dealer.sales.analysis", "revenue", domain, user=self.user_salesperson), 1200)
        self.assertAlmostEqual(
            self._sum("dealer.sales.analysis", "revenue", domain, user=self.user_manager), 1500,
            msg="the manager leads 张伟's and 李娜's team")
        self.assertAlmostEqual(self._sum("dealer.sales.analysis", "revenue", domain, user=self.user_back_office), 2200)
        self.assertAlmostEqual(
            self._sum("dealer.salesperson.performance", "followup_count", MARCH, user=self.user_salesperson), 2)
        ranking = self.env["dealer.customer.ranking"].with_user(self.user_salesperson).with_context(
            dealer_period_date="2026-03-15").search([])
        self.assertEqual(ranking.partner_id, self.customer_a)
