import base64
import io
from datetime import datetime

import openpyxl
from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesFactsCommon

MONTHS = [f"month_{month:02d}" for month in range(1, 13)]


def months(*values):
    """Monthly targets from January; the months not given are 0."""
    return dict(zip(MONTHS, list(values) + [0] * (12 - len(values))))


# Payments need the chart of accounts Odoo installs once every module is loaded.
@tagged("post_install", "-at_install")
class TestDealerTarget(DealerSalesFactsCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Target = cls.env["dealer.target"]

    def _target(self, subject, metric="contract_amount", values=None, **extra):
        target_type = {"res.users": "user", "crm.team": "team", "dealer.region": "region"}[subject._name]
        field_name = {"user": "user_id", "team": "team_id", "region": "region_id"}[target_type]
        return self.Target.create({
            "target_type": target_type, field_name: subject.id, "year": 2026, "metric": metric,
            **(values or {}), **extra,
        })

    def _monthly(self, target):
        return {month: round(actual, 2) for month, actual in
                self.env["dealer.target.report"]._actuals(target.ids).get(target.id, {}).items() if actual}

    def test_contract_amount_currency_cancellations_and_local_months(self):
        mine = self._target(self.user_salesperson, values=months(1000, 1000, 3100, *[2000] * 9))
        theirs = self._target(self.user_salesperson_b, values=months(500))
        team = self._target(self.team)
        self._sale(self.customer_a, "2026-01-10 03:00:00", 500)
        self._sale(self.customer_a, "2026-03-31 15:30:00", 1000)  # 23:30 on March 31st in Shanghai
        self._sale(self.customer_a, "2026-03-31 16:30:00", 300)  # 00:30 on April 1st
        self._sale(self.customer_a, "2026-03-05 03:00:00", 100, pricelist=self.other_pricelist)  # 200 in CNY terms
        self._sale(self.customer_a, "2026-03-06 03:00:00", 700)._action_cancel()
        self._sale(self.customer_a, "2026-03-07 03:00:00", 999, confirm=False)
        self._sale(self.customer_b, "2026-03-08 03:00:00", 900, salesperson=self.user_salesperson_b)
        self.assertEqual(self._monthly(mine), {1: 500, 3: 1200, 4: 300})
        self.assertEqual(self._monthly(team), {1: 500, 3: 2100, 4: 300}, "the team's members")
        self.assertEqual(team.month_01, 1500, "the team's target is its salespeople's")
        with freeze_time("2026-03-16 04:00:00"):
            mine.invalidate_recordset()
            self.assertAlmostEqual(mine.actual_total, 2000)
            self.assertAlmostEqual(mine.target_total, 23100)
            self.assertAlmostEqual(mine.gap, 21100)
            self.assertAlmostEqual(mine.completion, 100 * 2000 / 23100)
            self.assertAlmostEqual(mine.expected_to_date, 1000 + 1000 + 3100 * 16 / 31)
            self.assertAlmostEqual(mine.pace, 100 * 2000 / 3600)
            self.assertAlmostEqual(mine.actual_quarter_1, 1700)
            self.assertAlmostEqual(mine.quarter_1, 5100)
        theirs.month_01 = 800
        self.assertEqual(team.month_01, 1800, "follows its members")
        self.team.member_ids = [Command.unlink(self.user_salesperson_b.id)]
        self.assertEqual(team.month_01, 1000, "李娜 left the team: her target no longer counts")
        self.team.member_ids = [Command.link(self.user_salesperson_b.id)]
        self.assertEqual(team.month_01, 1800)
        team.write({"is_rollup": False, "month_01": 5000})
        theirs.month_01 = 100
        self.assertEqual(team.month_01, 5000, "entered by hand: kept")

    def test_pace_half_way_through_the_month(self):
        """The pace compares what is achieved with the target of the months
        passed and the elapsed share of this one: ahead of it, it reads above
        100 %, uncapped; before the year starts nothing is expected."""
        target = self._target(self.user_salesperson, values=months(1000, 1000, 1000, *[2000] * 9))
        self._sale(self.customer_a, "2026-02-10 03:00:00", 2000)
        self._sale(self.customer_a, "2026-04-03 03:00:00", 3400)
        with freeze_time("2026-04-15 04:00:00"):  # noon on April 15th in Shanghai: half of April's 30 days
            target.invalidate_recordset()
            self.assertAlmostEqual(target.expected_to_date, 3000 + 2000 / 2)
            self.assertAlmostEqual(target.pace, 135)
            self.assertAlmostEqual(target.completion, 100 * 5400 / 21000)
        with freeze_time("2026-04-30 04:00:00"):
            target.invalidate_recordset()
            self.assertAlmostEqual(target.pace, 108, msg="April's whole target expected on its last day")
        with freeze_time("2025-12-31 04:00:00"):
            target.invalidate_recordset()
            self.assertEqual((target.expected_to_date, target.pace), (0, 0))

    def test_pace_is_a_number_in_every_view(self):
        """A pace above 100 % is normal (ahead of plan): it shows as a
        number, not as a bar that stops at 100."""
        for view_type in ("list", "form", "kanban"):
            arch = etree.fromstring(self.Target.get_views([(False, view_type)])["views"][view_type]["arch"])
            [pace] = arch.xpath("//field[@name='pace']")
            self.assertNotEqual(pace.get("widget"), "progressbar", view_type)
            [completion] = arch.xpath("//field[@name='completion']")
            self.assertEqual(completion.get("widget"), "progressbar", view_type)

    def test_payment_collected_by_invoice_salesperson_with_refunds(self):
        mine = self._target(self.user_salesperson, metric="payment_amount")
        theirs = self._target(self.user_salesperson_b, metric="payment_amount")
        invoice = self._invoice(self._sale(self.customer_a, "2026-01-10 03:00:00", 500), "2026-01-10 03:00:00")
        self._pay_invoice(invoice, "2026-03-10", 400)
        # 李娜 sold to 张伟's customer: the payment of her invoice is hers.
        sold_by_her = self._sale(self.customer_a, "2026-02-10 03:00:00", 250, salesperson=self.user_salesperson_b)
        self._pay_invoice(self._invoice(sold_by_her, "2026-02-10 03:00:00"), "2026-03-11", 250)
        # A payment entered on its own, then reconciled with another invoice of hers: hers too.
        reconciled = self._invoice(
            self._sale(self.customer_a, "2026-02-11 03:00:00", 300, salesperson=self.user_salesperson_b),
            "2026-02-11 03:00:00",
        )
        received = self._payment(self.customer_a, "2026-03-14", 300)
        reconciled.js_assign_outstanding_line(received.move_id.line_ids.filtered(
            lambda line: line.account_id == reconciled.line_ids.account_id.filtered(
                lambda account: account.account_type == "asset_receivable")).id)
        self.assertIn(reconciled.payment_state, ("paid", "in_payment"))
        self.assertFalse(received.invoice_ids, "reconciled, not registered")
        self._payment(self.customer_a, "2026-03-12", 50, payment_type="outbound")  # paid back: the owner's
        self._payment(self.customer_a, "2026-04-02", 120)  # for no invoice: the owner's
        self.env["account.payment"].create({  # a draft counts for nothing
            "partner_id": self.customer_a.id, "partner_type": "customer", "payment_type": "inbound", "amount": 999,
            "date": "2026-03-13",
        })
        self.assertEqual(self._monthly(mine), {3: 350, 4: 120})
        self.assertEqual(self._monthly(theirs), {3: 250 + 300})

    def test_new_customers_of_a_person_and_of_a_region(self):
        mine = self._target(self.user_salesperson, metric="new_customers")
        shanghai = self._target(self.region_shanghai, metric="new_customers", values=months(1, 1, 1), is_rollup=False)
        east = self._target(self.region_east, metric="new_customers")
        self._set_create_date(self.customer_a, datetime(2026, 2, 3, 2, 0))  # created with 张伟 as owner
        self._set_create_date(self.customer_east_other_team, datetime(2026, 3, 4, 2, 0))
        self._log_owner(self.customer_north_unowned, self.user_salesperson, datetime(2026, 3, 5, 2, 0))
        self._log_owner(self.customer_b, self.user_salesperson, datetime(2026, 1, 5, 2, 0), action="assign")
        self._log_owner(self.customer_b, None, datetime(2026, 1, 20, 2, 0), action="transfer",
                        from_user=self.user_salesperson)
        self._log_owner(self.customer_b, self.user_salesperson, datetime(2026, 3, 6, 2, 0))  # again: not new
        self.assertEqual(self._monthly(mine), {1: 1, 2: 1, 3: 1})
        self.assertEqual(self._monthly(shanghai), {2: 1, 3: 1}, "浦东 is in 上海")
        self.assertEqual(self._monthly(east), {2: 1, 3: 1})
        self.assertEqual((east.month_01, east.month_04), (1, 0), "华东区 sums its sub-regions")
        self.region_shanghai.parent_id = self.region_north
        self.assertEqual(east.month_01, 0, "上海 moved to 华北区")

    def test_subject_and_access(self):
        with self.assertRaises(ValidationError):
            self.Target.create({"target_type": "user", "team_id": self.team.id, "year": 2026})
        mine = self._target(self.user_salesperson, values=months(100))
        theirs = self._target(self.user_salesperson_b)
        other = self._target(self.user_salesperson_other_team)
        team = self._target(self.team)
        region = self._target(self.region_shanghai)
        everything = mine | theirs | other | team | region
        visible = {user: self.Target.with_user(user).search([("id", "in", everything.ids)]) for user in (
            self.user_salesperson, self.user_manager, self.user_salesperson_other_team)}
        self.assertEqual(visible[self.user_salesperson], mine)
        self.assertEqual(visible[self.user_manager], mine | theirs | team | region)
        self.assertEqual(visible[self.user_salesperson_other_team], other)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_salesperson).month_01 = 1
        self.assertEqual(mine.with_user(self.user_salesperson).target_total, 100)
        rows = self.env["dealer.target.report"].with_user(self.user_salesperson).search([])
        self.assertEqual(rows.target_id, mine, "the analysis shows the same")

    def _xlsx(self, rows):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["销售员", *[f"{month}月" for month in range(1, 13)]])
        for row in rows:
            sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        return base64.b64encode(output.getvalue())

    def _import(self, content, filename="目标.xlsx", metric="contract_amount"):
        return self.env["dealer.target.import.wizard"].with_user(self.user_manager).create({
            "year": 2026, "metric": metric, "file": content, "filename": filename,
        }).action_import()

    def test_import_from_a_spreadsheet(self):
        self._import(self._xlsx([
            ["dealer_sales_a", *range(1000, 13000, 1000)],
            ["李娜", 500, 500, 500],
        ]))
        imported = self.Target.search([("year", "=", 2026), ("metric", "=", "contract_amount")])
        self.assertEqual(imported.user_id, self.user_salesperson | self.user_salesperson_b)
        mine = imported.filtered(lambda target: target.user_id == self.user_salesperson)
        self.assertEqual((mine.month_01, mine.month_12, mine.target_total), (1000, 12000, 78000))
        self._import(self._xlsx([["dealer_sales_a", 7]]))
        self.assertEqual(mine.month_01, 7, "importing again updates")
        self.assertEqual(len(self.Target.search([("year", "=", 2026)])), 2)
        with self.assertRaises(UserError) as caught:
            self._import(self._xlsx([["dealer_sales_c", 1], ["不存在的人", 1], ["dealer_sales_b", "很多"]]))
        self.assertIn("不存在的人", str(caught.exception))
        self.assertIn("Row 4", str(caught.exception))
        self.assertFalse(self.Target.search([("user_id", "=", self.user_salesperson_other_team.id)]),
                         "one bad row: nothing imported")
        with self.assertRaises(UserError):
            self._import(base64.b64encode(b"PK\x03\x04 not really a workbook"))
