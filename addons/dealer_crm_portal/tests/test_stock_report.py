import io

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_portal_access import DealerPortalCommon


class DealerStockReportCommon(DealerPortalCommon):
    """Customer A's agreement covers hardware (hinges, locks) since four
    months back, in the territory 上海; 华北区 is 王强's (the manager's)."""

    def setUp(self):
        super().setUp()
        today = self.user_salesperson._dealer_local_today()
        self.this_month = today.replace(day=1)
        self.last_month = self.this_month - relativedelta(months=1)
        # Agreement A started four months back, in the territory 上海 (an approved agreement keeps its
        # terms: set in the database).
        territory = self.agreement_a._fields["region_ids"]
        self.env.cr.execute("UPDATE dealer_agreement SET date_start = %s WHERE id = %s",
                            [self.this_month - relativedelta(months=4), self.agreement_a.id])
        self.env.cr.execute(f"INSERT INTO {territory.relation} ({territory.column1}, {territory.column2}) "  # noqa: S608
                            "VALUES (%s, %s)", [self.agreement_a.id, self.region_shanghai.id])
        self.agreement_a.invalidate_recordset(["date_start", "region_ids"])
        self.lock = self.env["product.product"].create({
            "name": "防盗门锁", "default_code": "LOCK-01", "categ_id": self.hardware.id, "list_price": 120})
        self.hinge.default_code = "HINGE-01"
        self.region_north.manager_id = self.user_manager
        self.Report = self.env["dealer.stock.report"]

    def _row(self, product, opening=0, received=0, sold=0, closing=None, label=None):
        return {"product": product, "label": label or product.name, "opening_qty": opening, "received_qty": received,
                "sold_qty": sold, "closing_qty": opening + received - sold if closing is None else closing}

    def _sellout(self, product, region, quantity):
        return {"product": product, "region": region, "quantity": quantity, "label": region.name}

    def _submit(self, rows, sellouts=(), month=None, user=None, dealer=None):
        return self.Report.with_user(user or self.portal_a)._dealer_submit(
            dealer or self.customer_a, month or self.last_month, rows, list(sellouts))

    def _far_cell(self):
        """An .xlsx whose second row has a value in column 1001 (ALM)."""
        workbook = openpyxl.Workbook()
        workbook.active.append(["产品编码", "期初库存", "本月进货", "本月销售", "期末库存"])
        workbook.active["ALM2"] = 1
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    def _xlsx(self, header, rows):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()


@tagged("post_install", "-at_install")
class TestDealerStockReport(DealerStockReportCommon):

    def test_report_and_its_figures(self):
        report = self._submit([self._row(self.hinge, 100, 50, 120), self._row(self.lock, 5, 0, 2)],
                              [self._sellout(self.hinge, self.region_pudong, 80),
                               self._sellout(self.hinge, self.region_shanghai, 40)])
        self.assertEqual(report.partner_id, self.customer_a)
        self.assertEqual(report.date_from, self.last_month)
        self.assertEqual(report.agreement_id, self.agreement_a)
        self.assertEqual((report.revision, report.source, report.submitted_by_id), (1, "portal", self.portal_a))
        line = report.line_ids.filtered(lambda line: line.product_id == self.hinge)
        self.assertEqual((line.opening_qty, line.received_qty, line.sold_qty, line.closing_qty), (100, 50, 120, 30))
        self.assertEqual((report.opening_qty, report.received_qty, report.sold_qty, report.closing_qty),
                         (105, 50, 122, 33))
        self.assertEqual(sorted(report.sellout_ids.mapped("quantity")), [40, 80])
        self.assertFalse(report.cross_territory, "上海 and 浦东 are the territory")
        self.assertFalse(report.sudo().activity_ids)

    def test_stock_equation_within_tolerance(self):
        self.env["ir.config_parameter"].set_param("dealer_crm_portal.stock_tolerance_percent", "2")
        report = self._submit([self._row(self.hinge, 100, 100, 50, closing=147)])
        self.assertEqual(report.line_ids.difference_qty, -3, "3 missing of 200: within 2%")
        with self.assertRaisesRegex(UserError, "= 150.*closing stock is 145"):
            self._submit([self._row(self.hinge, 100, 100, 50, closing=145)])
        self.env["ir.config_parameter"].set_param("dealer_crm_portal.stock_tolerance_percent", "0")
        with self.assertRaises(UserError):
            self._submit([self._row(self.hinge, 100, 100, 50, closing=149)])
        self.assertEqual(report.line_ids.closing_qty, 147, "the refused corrections changed nothing")
        self.assertEqual(report.revision, 1)

    def test_bad_input_is_refused_and_writes_nothing(self):
        outside_agreement = self._row(self.bucket, 0, 10, 5)
        cases = {
            "not among the products": [self._row(self.hinge, 1, 1, 1), outside_agreement],
            "reported twice": [self._row(self.hinge, 1, 1, 1), self._row(self.hinge, 2, 2, 2)],
            "not a quantity": [{**self._row(self.hinge), "sold_qty": "十"}],
            "from 0 to": [{**self._row(self.hinge), "sold_qty": -1}],
            "from 0 to ": [{**self._row(self.hinge), "opening_qty": float("nan")}],
            " from 0 to": [{**self._row(self.hinge), "received_qty": "1e12"}],
            "at least one product": [],
        }
        for message, rows in cases.items():
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message.strip()):
                self._submit(rows)
        hinge = [self._row(self.hinge, 10, 0, 6)]
        for message, sellouts in {
            "more than the 6": [self._sellout(self.hinge, self.region_pudong, 7)],
            "in which region": [self._sellout(self.hinge, self.env["dealer.region"], 2)],
            "stock figures of": [self._sellout(self.lock, self.region_pudong, 1)],
        }.items():
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self._submit(hinge, sellouts)
        with self.assertRaisesRegex(UserError, "no agreement in force"):
            self._submit(hinge, month=self.this_month - relativedelta(months=6))
        with self.assertRaisesRegex(UserError, "last 12 months"):
            self.Report.with_user(self.portal_a)._dealer_month((self.this_month + relativedelta(months=1)).isoformat())
        self.assertFalse(self.Report.search([]), "nothing was written")

    def test_a_correction_replaces_the_month_and_is_tracked(self):
        report = self._submit([self._row(self.hinge, 100, 50, 120), self._row(self.lock, 5, 0, 2)])
        again = self._submit([self._row(self.hinge, 100, 60, 130)], user=self.user_back_office)
        self.assertEqual(again, report, "one report per dealer and month")
        self.assertEqual(report.revision, 2)
        self.assertEqual(report.submitted_by_id, self.user_back_office)
        self.assertEqual(report.line_ids.product_id, self.hinge)
        self.assertEqual((report.line_ids.received_qty, report.line_ids.sold_qty), (60, 130))
        change = report.sudo().message_ids.filtered(lambda message: "→" in (message.body or "")).body
        self.assertIn("50 → 60", change)
        self.assertIn("120 → 130", change)
        self.assertIn(self.lock.name, change, "the product dropped is named")
        self.assertEqual(self.Report.search_count([("partner_id", "=", self.customer_a.id)]), 1)

    def test_sell_out_outside_the_territory_alerts_the_regions_manager(self):
        report = self._submit([self._row(self.hinge, 100, 50, 120)],
                              [self._sellout(self.hinge, self.region_pudong, 70),
                               self._sellout(self.hinge, self.region_north, 30)])
        self.assertTrue(report.cross_territory)
        self.assertEqual(report.sellout_ids.filtered("outside_territory").region_id, self.region_north)
        alert_type = self.env.ref("dealer_crm_portal.mail_activity_type_dealer_cross_territory")
        alert = report.sudo().activity_ids.filtered(lambda activity: activity.activity_type_id == alert_type)
        self.assertEqual(alert.user_id, self.user_manager, "华北区's manager")
        self.assertIn("华北区", alert.note)
        self.assertIn("30", alert.note)
        # The manager of the region reads the report, though the dealer is not in their scope.
        self.assertEqual(report.with_user(self.user_manager).read(["cross_territory"])[0]["cross_territory"], True)
        # The same figures again: no second alert.
        self._submit([self._row(self.hinge, 100, 50, 120)], [self._sellout(self.hinge, self.region_pudong, 70),
                                                              self._sellout(self.hinge, self.region_north, 30)])
        self.assertEqual(len(report.sudo().activity_ids), 1)
        # Corrected without the sale outside: the report is no longer flagged, but the evidence stays: the
        # alert until the manager deals with it, and the change on the chatter.
        self._submit([self._row(self.hinge, 100, 50, 120)], [self._sellout(self.hinge, self.region_pudong, 70)])
        self.assertFalse(report.cross_territory)
        self.assertEqual(report.sudo().activity_ids, alert)
        self.assertTrue(report.sudo().message_ids.filtered(
            lambda message: "华北区" in (message.body or "") and "30 → 0" in message.body))
        # A sale outside again, of another quantity: a new alert.
        self._submit([self._row(self.hinge, 100, 50, 120)], [self._sellout(self.hinge, self.region_north, 5)])
        self.assertEqual(len(report.sudo().activity_ids), 2)

    def test_form_starts_from_last_month_and_our_deliveries(self):
        self._submit([self._row(self.hinge, 100, 50, 120), self._row(self.lock, 5, 0, 5)])
        if "stock.move" in self.env:
            customers = self.env.ref("stock.stock_location_customers")
            move = self.env["stock.move"].create({
                "product_id": self.hinge.id, "product_uom_qty": 40, "location_id": self.env.ref(
                    "stock.warehouse0").lot_stock_id.id, "location_dest_id": customers.id,
                "partner_id": self.warehouse_a.id, "company_id": self.env.company.id,
            })
            move._action_confirm()
            move.quantity = 40
            move.picked = True
            move._action_done()
        else:
            invoice = self.env["account.move"].create({
                "move_type": "out_invoice", "partner_id": self.customer_a.id,
                "invoice_date": self.user_salesperson._dealer_local_today(),
                "invoice_line_ids": [Command.create({"product_id": self.hinge.id, "quantity": 40, "price_unit": 8})],
            })
            invoice.action_post()
        rows = {row["product"]: row for row in self.Report.with_user(self.portal_a)._dealer_form_lines(
            self.customer_a, self.this_month)}
        self.assertEqual((rows[self.hinge]["opening_qty"], rows[self.hinge]["received_qty"]), (30, 40))
        self.assertEqual(rows[self.lock]["opening_qty"], 0)
        self.assertNotIn(self.bucket, rows)
        reported = self.Report.with_user(self.portal_a)._dealer_form_lines(self.customer_a, self.last_month)
        self.assertEqual([(row["product"], row["sold_qty"]) for row in reported], [(self.hinge, 120), (self.lock, 5)],
                         "a month reported: as reported")

    def test_spreadsheet_upload(self):
        content = self._xlsx(
            ["产品编码", "产品名称", "期初库存", "本月进货", "本月销售", "期末库存", "销售区域", "区域销量"],
            [["HINGE-01", "", 100, 50, 120, 30, "华东区/上海/浦东", 100],
             ["HINGE-01", "", None, None, None, None, "华北区", 20],
             ["", "防盗门锁", 5, 0, 2, 3, None, None]])
        Report = self.Report.with_user(self.portal_a)
        rows, sellouts = Report._dealer_rows_from_file(self.customer_a, self.last_month, content, "进销存.xlsx")
        report = Report._dealer_submit(self.customer_a, self.last_month, rows, sellouts, source="upload")
        self.assertEqual(report.source, "upload")
        self.assertEqual(report.line_ids.product_id, self.hinge | self.lock)
        self.assertEqual({(s.region_id, s.quantity) for s in report.sellout_ids},
                         {(self.region_pudong, 100), (self.region_north, 20)})
        self.assertTrue(report.cross_territory)
        bad_files = {
            "damaged": (b"PK\x03\x04 not really a zip", "a.xlsx"),
            "Only .xlsx": (content, "a.pdf"),
            "is empty": (b"", "a.xlsx"),
            "Row 2.*not among the products": (self._xlsx(
                ["产品编码", "期初库存", "本月进货", "本月销售", "期末库存"], [["PAINT-9", 1, 1, 1, 1]]), "a.xlsx"),
            "Row 2.*not one of our regions": (self._xlsx(
                ["产品编码", "期初库存", "本月进货", "本月销售", "期末库存", "销售区域", "区域销量"],
                [["HINGE-01", 1, 1, 1, 1, "火星", 1]]), "a.xlsx"),
            "Opening Stock, .*Received": (self._xlsx(["产品编码", "数量"], [["HINGE-01", 1]]), "a.xlsx"),
            "one product a row": (self._xlsx(["产品编码", "期初库存"], []), "a.xlsx"),
            "ALM2 is beyond the 1000 columns": (self._far_cell(), "a.xlsx"),
        }
        for message, (data, name) in bad_files.items():
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                Report._dealer_rows_from_file(self.customer_a, self.last_month, data, name)
        # A regional quantity without its region; a quantity too small for the unit.
        header = ["产品编码", "期初库存", "本月进货", "本月销售", "期末库存", "销售区域", "区域销量"]
        rows, sellouts = Report._dealer_rows_from_file(self.customer_a, self.last_month, self._xlsx(
            header, [["HINGE-01", 10, 5, 4, 11, None, 3]]), "a.xlsx")
        with self.assertRaisesRegex(UserError, "Row 2: say in which region"):
            Report._dealer_submit(self.customer_a, self.last_month, rows, sellouts)
        rows, sellouts = Report._dealer_rows_from_file(self.customer_a, self.last_month, self._xlsx(
            header, [["HINGE-01", 10, 5, 4, 11, "华北区", 0.001]]), "a.xlsx")
        report = Report._dealer_submit(self.customer_a, self.last_month, rows, sellouts)
        self.assertFalse(report.sellout_ids, "0.001 of a unit counted in units is nothing")
        template = openpyxl.load_workbook(io.BytesIO(Report._dealer_upload_template(self.customer_a, self.this_month)))
        sheet = template.active
        self.assertEqual(sheet["A1"].value, "产品编码 / Product Code")
        self.assertEqual([sheet["A2"].value, sheet["C2"].value], ["HINGE-01", 11], "last month's closing stock")

    def test_nobody_writes_a_report_but_its_submission(self):
        report = self._submit([self._row(self.hinge, 100, 50, 120)])
        for user in (self.portal_a, self.user_salesperson, self.user_back_office, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    report.with_user(user).write({"closing_qty": 0})
                with self.assertRaises(AccessError):
                    self.Report.with_user(user).create({"partner_id": self.customer_a.id, "date_from": self.this_month})
                with self.assertRaises(AccessError):
                    report.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    report.line_ids.with_user(user).write({"sold_qty": 1})
                with self.assertRaises(AccessError):
                    self.env["dealer.stock.report.sellout"].with_user(user).create({
                        "report_id": report.id, "product_id": self.hinge.id, "region_id": self.region_north.id,
                        "quantity": 1})
        with self.assertRaises(AccessError, msg="dealer B reports for itself only"):
            self._submit([self._row(self.hinge, 1, 1, 1)], user=self.portal_b)
        with self.assertRaises(AccessError, msg="a salesperson does not report for the dealer"):
            self._submit([self._row(self.hinge, 1, 1, 1)], user=self.user_salesperson)
        self.assertEqual((report.line_ids.closing_qty, report.revision), (30, 1))
        # Reading: the dealer's own, its salesperson's, not the other dealer's nor the other salesperson's.
        self.assertEqual(self.Report.with_user(self.portal_a).search([]), report)
        self.assertEqual(self.Report.with_user(self.user_salesperson).search([]), report)
        for user in (self.portal_b, self.user_salesperson_b):
            self.assertFalse(self.Report.with_user(user).search([]))
            self.assertFalse(self.env["dealer.stock.report.line"].with_user(user).search([]))
            with self.assertRaises(AccessError):
                report.with_user(user).read(["closing_qty"])


@tagged("post_install", "-at_install")
class TestDealerStockReportPortal(DealerStockReportCommon):

    def _post(self, url, **fields):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **fields})

    def test_report_in_the_portal_form(self):
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        month = self.last_month.strftime("%Y-%m")
        listing = self.url_open("/my/dealer/stock")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f'href="/my/dealer/stock/{month}"', listing.text)
        form = self.url_open(f"/my/dealer/stock/{month}")
        self.assertEqual(form.status_code, 200)
        self.assertIn("o_dealer_portal_stock_form", form.text)
        added = self._post(f"/my/dealer/stock/{month}", add_product_id=self.hinge.id, add="1")
        self.assertIn(f'name="closing_qty_{self.hinge.id}"', added.text)
        hinge = self.hinge.id
        refused = self._post(f"/my/dealer/stock/{month}", submit="1", **{
            f"opening_qty_{hinge}": "10", f"received_qty_{hinge}": "5", f"sold_qty_{hinge}": "3",
            f"closing_qty_{hinge}": "99"})
        self.assertIn("o_dealer_portal_stock_error", refused.text)
        self.assertIn('value="99"', refused.text, "what the dealer typed is kept")
        self.assertFalse(self.Report.search([]))
        # Another product's id shows nothing of it; a file where a figure is expected is no figure.
        other = self._post(f"/my/dealer/stock/{month}", submit="1", **{f"closing_qty_{self.bucket.id}": "1"})
        self.assertEqual(other.status_code, 200)
        self.assertNotIn(self.bucket.name, other.text)
        self.assertIn("Report at least one product", other.text)
        upload = self.url_open(f"/my/dealer/stock/{month}", data={
            "csrf_token": http.Request.csrf_token(self), "submit": "1", f"closing_qty_{hinge}": "1"},
            files={"sellout_qty_0": ("x.txt", b"1")})
        self.assertEqual(upload.status_code, 200)
        done = self._post(f"/my/dealer/stock/{month}", submit="1", **{
            f"opening_qty_{hinge}": "10", f"received_qty_{hinge}": "5", f"sold_qty_{hinge}": "3",
            f"closing_qty_{hinge}": "12", "sellout_region_0": self.region_north.id, "sellout_product_0": hinge,
            "sellout_qty_0": "2"})
        self.assertIn("o_dealer_portal_stock_submitted", done.text)
        self.env.invalidate_all()
        report = self.Report.search([])
        self.assertEqual((report.partner_id, report.line_ids.closing_qty, report.cross_territory),
                         (self.customer_a, 12, True))
        for not_reportable in ("2001-01", (self.this_month + relativedelta(months=1)).strftime("%Y-%m"), "abc"):
            self.assertEqual(self.url_open(f"/my/dealer/stock/{not_reportable}").status_code, 404)

    @mute_logger("odoo.http")
    def test_upload_in_the_portal(self):
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        month = self.last_month.strftime("%Y-%m")
        template = self.url_open(f"/my/dealer/stock/{month}/template")
        self.assertEqual(template.status_code, 200)
        self.assertEqual(openpyxl.load_workbook(io.BytesIO(template.content)).active["A1"].value,
                         "产品编码 / Product Code")
        url = f"/my/dealer/stock/{month}/upload"
        csrf = {"csrf_token": http.Request.csrf_token(self)}
        refused = self.url_open(url, data=csrf, files={"file": ("进销存.xlsx", b"PK\x03\x04 broken")})
        self.assertIn("o_dealer_portal_stock_error", refused.text)
        self.assertFalse(self.Report.search([]))
        good = self._xlsx(["产品编码", "期初库存", "本月进货", "本月销售", "期末库存"], [["HINGE-01", 8, 2, 4, 6]])
        done = self.url_open(url, data=csrf, files={"file": ("进销存.xlsx", good)})
        self.assertIn("o_dealer_portal_stock_submitted", done.text)
        self.env.invalidate_all()
        self.assertEqual(self.Report.search([]).line_ids.closing_qty, 6)
        # Dealer B's portal user reports for dealer B only: A's report is not theirs to see or correct.
        self.authenticate("dealer_b_portal", "dealer_b_portal")
        self.assertNotIn("Revision", self.url_open(f"/my/dealer/stock/{month}").text)


@tagged("post_install", "-at_install")
class TestDealerStockReportUiMobile(DealerStockReportCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_dealer_reports_last_month_on_a_phone(self):
        self._submit([self._row(self.hinge, 20, 40, 30)], month=self.last_month - relativedelta(months=1))
        self.start_tour("/my/dealer", "dealer_crm_portal_stock_mobile", login="dealer_a_portal")
        report = self.Report.search([("date_from", "=", self.last_month)])
        self.assertEqual((report.line_ids.opening_qty, report.line_ids.sold_qty, report.line_ids.closing_qty),
                         (30, 25, 5))
        self.assertEqual((report.sellout_ids.region_id, report.sellout_ids.quantity), (self.region_pudong, 25))
