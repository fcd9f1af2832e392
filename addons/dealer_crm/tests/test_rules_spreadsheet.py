import base64
import csv
import io
import json

import openpyxl

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import DDE, FORMULA_LIKE, DealerCrmCommon



def _csv(rows):
    output = io.StringIO()
    csv.writer(output, lineterminator="\n").writerows(rows)
    return output.getvalue().encode()


def _xlsx(rows):
    """A workbook as a user's Excel saves it: typed text in text cells."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row_index, row in enumerate(rows, start=1):
        for column_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


class TestRulesSpreadsheet(DealerCrmCommon):

    HEADER = ["客户名称", "渠道", "区域", "备注"]
    IMPORTED = [
        [DDE, "", "", "-2+3"],
        ["+1+1", "", "", "@SUM(A1)"],
    ]
    REJECTED = [
        ["@SUM(A1)", "不存在的渠道", "", '=HYPERLINK("http://example.com","点我")'],
        ["-2+3", "", "不存在的区域", "+1+1"],
        [DDE, "", "", "=1+1"],  # a duplicate of the first row's name
    ]

    def _formula_like(self, rows):
        return [value for row in rows for value in row if value.startswith(FORMULA_LIKE)]

    def _import(self, content, filename):
        before = self.Partner.sudo().search_count([])
        wizard = self.env["dealer.import.wizard"].with_user(self.user_salesperson).create({
            "file": base64.b64encode(content), "filename": filename,
        })
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.invalid_count + wizard.skip_count), (2, 3))
        self.assertEqual(self.Partner.sudo().search_count([]), before + 2)
        for name in (DDE, "+1+1"):
            customer = self.Partner.with_user(self.user_salesperson).search([("name", "=", name)])
            self.assertEqual(customer.name, name, "the name is stored as typed: it is data")
        rejected = base64.b64decode(wizard.with_user(self.user_salesperson).rejected_file)
        workbook = self.assertTextCells(rejected, self._formula_like(self.REJECTED))
        table = [[cell.value or "" for cell in row][:len(self.HEADER)] for row in workbook.active.iter_rows()]
        self.assertEqual(table[1:], self.REJECTED, "the rejected rows come back as they were sent")

    def test_rejected_rows_of_a_csv_are_text(self):
        self._import(_csv([self.HEADER, *self.IMPORTED, *self.REJECTED]), "客户.csv")

    def test_rejected_rows_of_an_xlsx_are_text(self):
        self._import(_xlsx([self.HEADER, *self.IMPORTED, *self.REJECTED]), "客户.xlsx")

    def test_import_template_lists_are_text(self):
        as_admin = self.env(user=self.user_admin)
        names = {"dealer.region": "=1+2", "dealer.channel": "@SUM(A1)", "dealer.source": "-2+3",
                 "dealer.customer.type": DDE}
        for model, name in names.items():
            as_admin[model].create({"name": name})
        wizard = self.env["dealer.import.wizard"].with_user(self.user_salesperson).create({})
        wizard.action_download_template()
        content = base64.b64decode(wizard.template_file)
        workbook = self.assertTextCells(content, list(names.values()), sheet_name="lists")
        self.assertTrue(workbook.worksheets[0].data_validations.dataValidation, "the dropdowns remain")


@tagged("post_install", "-at_install")
class TestRulesListExport(HttpCase):

    def test_odoo_list_export_is_text(self):
        """Odoo's own list export (Export › .xlsx, as from the analyses)
        writes customers named like formulas as text."""
        names = [DDE, "+1+1", "@SUM(A1)", "-2+3"]
        customers = self.env["res.partner"].create([{"name": name, "is_company": True, "is_dealer": True}
                                                    for name in names])
        self.authenticate("admin", "admin")
        response = self.url_open("/web/export/xlsx", data={
            "data": json.dumps({
                "model": "res.partner", "fields": [{"name": "name", "label": "客户名称", "type": "char"}],
                "ids": customers.ids, "domain": [], "groupby": [], "import_compat": False,
            }),
            "csrf_token": http.Request.csrf_token(self),
        })
        self.assertEqual(response.status_code, 200, response.text[:300])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row}
        self.assertEqual(cells, dict.fromkeys(names, "s"))
