import calendar

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestDealerStockReports(DealerCrmCommon):
    """The stock analysis gives each product's sell-through and stock days,
    and a group's from its totals; the missing reports list the dealers
    under agreement that did not report a month, and no other."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The last month the missing reports list: the one before the user's.
        cls.month = cls.env.user._dealer_local_today().replace(day=1) - relativedelta(months=1)
        cls.days = calendar.monthrange(cls.month.year, cls.month.month)[1]
        hardware = cls.env["product.category"].create({"name": "五金"})
        cls.hinge = cls.env["product.product"].create({"name": "不锈钢合页", "categ_id": hardware.id, "type": "consu"})
        cls.lock = cls.env["product.product"].create({"name": "执手门锁", "categ_id": hardware.id, "type": "consu"})
        for customer in (cls.customer_a, cls.customer_b):
            cls.env["dealer.agreement"].create({
                "partner_id": customer.id, "agreement_type": "dealer", "state": "active",
                "date_start": cls.month - relativedelta(months=1), "date_end": cls.month + relativedelta(years=1),
            })
        cls.report = cls.env["dealer.stock.report"]._dealer_submit(cls.customer_a, cls.month, [
            {"product": cls.hinge, "label": "合页", "opening_qty": 100, "received_qty": 50, "sold_qty": 90,
             "closing_qty": 60},
            {"product": cls.lock, "label": "门锁", "opening_qty": 20, "received_qty": 0, "sold_qty": 0,
             "closing_qty": 20},
        ], [], "upload")

    def test_sell_through_and_stock_days_per_product(self):
        rows = self.env["dealer.stock.analysis"].search_read(
            [("partner_id", "=", self.customer_a.id)],
            ["date", "product_id", "categ_id", "region_id", "user_id", "sold_qty", "sell_through", "stock_days"])
        by_product = {row["product_id"][0]: row for row in rows}
        self.assertEqual(set(by_product), {self.hinge.id, self.lock.id})
        hinge = by_product[self.hinge.id]
        self.assertEqual(hinge["date"], self.month)
        self.assertEqual(hinge["categ_id"][0], self.hinge.categ_id.id)
        self.assertEqual(hinge["region_id"][0], self.region_pudong.id, "the dealer's region")
        self.assertEqual(hinge["user_id"][0], self.user_salesperson.id)
        self.assertAlmostEqual(hinge["sell_through"], 60.0, msg="90 sold of 100 + 50")
        self.assertAlmostEqual(hinge["stock_days"], 60 / (90 / self.days), msg="60 left at 90 a month")
        lock = by_product[self.lock.id]
        self.assertEqual(lock["sell_through"], 0.0)
        self.assertFalse(lock["stock_days"], "nothing sold: no stock days")

    def test_grouped_ratios_come_from_the_totals(self):
        [(sold, sell_through, stock_days)] = self.env["dealer.stock.analysis"]._read_group(
            [("partner_id", "=", self.customer_a.id)], [], ["sold_qty:sum", "sell_through:avg", "stock_days:avg"])
        self.assertAlmostEqual(sold, 90)
        self.assertAlmostEqual(sell_through, 100 * 90 / 170, msg="not the average of 60% and 0%")
        self.assertAlmostEqual(stock_days, 80 / (90 / self.days))
        [(stock_days,)] = self.env["dealer.stock.analysis"]._read_group(
            [("product_id", "=", self.lock.id)], [], ["stock_days:avg"])
        self.assertFalse(stock_days)

    def test_salespeople_see_their_dealers_figures(self):
        Analysis = self.env["dealer.stock.analysis"]
        self.assertEqual(Analysis.with_user(self.user_salesperson).search_count([]), 2)
        self.assertEqual(Analysis.with_user(self.user_salesperson_b).search_count([]), 0)
        self.assertEqual(Analysis.with_user(self.user_manager).search_count([]), 2)

    def test_missing_reports(self):
        Missing = self.env["dealer.stock.report.missing"]
        dealers = self.customer_a | self.customer_b | self.customer_other_team
        missing = Missing.search([("partner_id", "in", dealers.ids), ("date", "=", self.month)])
        self.assertEqual(missing.partner_id, self.customer_b, "A reported the month; C has no agreement")
        self.assertEqual(missing.user_id, self.user_salesperson_b)
        self.assertEqual(missing.agreement_id.partner_id, self.customer_b)
        earlier = Missing.search([("partner_id", "in", dealers.ids),
                                  ("date", "=", self.month - relativedelta(months=1))])
        self.assertEqual(earlier.partner_id, self.customer_a | self.customer_b, "neither reported the month before")
        self.assertFalse(Missing.search([("partner_id", "in", dealers.ids),
                                         ("date", "<", self.month - relativedelta(months=1))]),
                         "before the agreements")
        self.assertEqual(Missing.with_user(self.user_salesperson).search([("date", "=", self.month)]).ids, [],
                         "B's missing report is B's salesperson's")
        self.assertEqual(Missing.with_user(self.user_salesperson_b).search([("date", "=", self.month)]).partner_id,
                         self.customer_b)
