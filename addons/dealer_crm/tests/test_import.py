import base64
import io
import zipfile

import openpyxl
import xlwt

from odoo.exceptions import AccessError, UserError

from .common import DealerCrmCommon

HEADER = ["客户名称 / Customer Name *", "客户类型", "Channel", "区域", "客户来源", "重要程度", "规模",
          "电话", "手机", "Email", "税号", "省份", "城市", "联系人", "职位", "备注"]


def xlsx_bytes(rows, merge=None, formula_cell=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    if formula_cell:
        sheet[formula_cell] = "=1+1"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xls_bytes(rows):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def csv_bytes(rows, encoding="utf-8"):
    return "\n".join(",".join(str(value) for value in row) for row in rows).encode(encoding)


class TestDealerImport(DealerCrmCommon):

    def setUp(self):
        super().setUp()
        self.good_rows = [
            HEADER,
            ["杭州瑞丰五金商行", "经销商", "五金市场", "华东区 › 上海", "展会", "A", "", "0571-88886666",
             "13900001111", "ruifeng@example.cn", "91330100MA2TEST01X", "", "杭州", "周海涛", "总经理", "老客户介绍"],
            ["上海广汇建材", "经销商", "五金市场", "", "展会", "b", "", "021-55556666",
             "", "", "", "上海市", "上海", "", "", ""],
        ]

    def _wizard(self, content, filename, user=None, **values):
        user = user or self.user_salesperson
        return self.env["dealer.import.wizard"].with_user(user).create({
            "file": base64.b64encode(content),
            "filename": filename,
            **values,
        })

    def _dealer_count(self):
        return self.Partner.search_count([("is_dealer", "=", True)])

    def _assert_refused(self, content, filename, message, **values):
        before = self._dealer_count()
        wizard = self._wizard(content, filename, **values)
        with self.assertRaisesRegex(UserError, message):
            wizard.action_preview()
        with self.assertRaisesRegex(UserError, message):
            wizard.action_import()
        self.assertEqual(self._dealer_count(), before, "nothing is written")

    # ------------------------------------------------------------------
    # Good files
    # ------------------------------------------------------------------

    def test_xlsx_preview_then_import(self):
        wizard = self._wizard(xlsx_bytes(self.good_rows), "客户.xlsx")
        before = self._dealer_count()
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual((wizard.new_count, wizard.update_count, wizard.skip_count, wizard.invalid_count), (2, 0, 0, 0))
        self.assertEqual(self._dealer_count(), before, "the preview writes nothing")
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertFalse(wizard.rejected_file)
        ruifeng = self.Partner.search([("name", "=", "杭州瑞丰五金商行")])
        self.assertRecordValues(ruifeng, [{
            "is_company": True,
            "is_dealer": True,
            "user_id": self.user_salesperson.id,
            "dealer_customer_type_id": self.type_dealer.id,
            "dealer_channel_id": self.channel_hardware.id,
            "dealer_region_id": self.region_shanghai.id,
            "dealer_source_id": self.source_fair.id,
            "dealer_importance": "3",
            "phone": "0571-88886666",
            "email": "ruifeng@example.cn",
            "vat": "91330100MA2TEST01X",
            "city": "杭州",
            "dealer_team_id": self.team.id,
        }])
        self.assertRegex(ruifeng.dealer_code, r"^KH\d{6}$")
        self.assertRecordValues(ruifeng.child_ids, [{
            "name": "周海涛", "function": "总经理", "phone": "13900001111", "user_id": self.user_salesperson.id,
        }])
        guanghui = self.Partner.search([("name", "=", "上海广汇建材")])
        self.assertEqual(guanghui.state_id, self.env.ref("base.state_cn_SH"))
        self.assertEqual(guanghui.dealer_region_id, self.region_shanghai, "the province gives the region")
        self.assertEqual(guanghui.dealer_importance, "2")

    def test_csv_in_utf8_and_gbk_and_xls(self):
        rows = [["客户名称", "电话", "行业"], ["南京德信工具商行", "025-84612345", "Construction"]]
        for content, filename in (
            (csv_bytes(rows), "utf8.csv"),
            (b"\xef\xbb\xbf" + csv_bytes([["客户名称", "电话"], ["南京德信二店", "025-57654321"]]), "bom.csv"),
            (csv_bytes([["客户名称", "电话"], ["苏州福润五金", "0512-65234567"]], "gbk"), "gbk.csv"),
            (xls_bytes([["Customer Name", "Phone"], ["无锡中联建材", "0510-82714567"]]), "old.xls"),
        ):
            with self.subTest(filename=filename):
                wizard = self._wizard(content, filename)
                wizard.action_import()
                self.assertEqual(wizard.new_count, 1)
        self.assertEqual(
            self.Partner.search([("name", "in", ["南京德信工具商行", "南京德信二店", "苏州福润五金", "无锡中联建材"])]).mapped("is_dealer"),
            [True] * 4,
        )
        self.assertEqual(self.Partner.search([("name", "=", "南京德信工具商行")]).industry_id,
                         self.env.ref("base.res_partner_industry_F"))

    def test_template_round_trip(self):
        wizard = self.env["dealer.import.wizard"].with_user(self.user_salesperson).create({})
        action = wizard.action_download_template()
        self.assertIn("/template_file/", action["url"])
        content = base64.b64decode(wizard.template_file)
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheet = workbook.worksheets[0]
        titles = [cell.value for cell in sheet[1]]
        self.assertEqual(titles[0], "客户名称 / Customer Name *")
        self.assertIn("区域 / Region", titles)
        self.assertTrue(sheet.data_validations.dataValidation, "columns have dropdown lists")
        lists = workbook["lists"]
        self.assertEqual(lists.sheet_state, "hidden")
        region_column = titles.index("区域 / Region") + 1
        regions = [lists.cell(row=r, column=region_column).value for r in range(1, 5)]
        self.assertIn("华东区 › 上海 › 浦东", regions)
        # The template, filled in, imports as is.
        sheet.append(["模板客户", "经销商", "五金市场", "华东区 › 上海 › 浦东"])
        output = io.BytesIO()
        workbook.save(output)
        wizard = self._wizard(output.getvalue(), "template.xlsx")
        wizard.action_import()
        self.assertEqual(self.Partner.search([("name", "=", "模板客户")]).dealer_region_id, self.region_pudong)

    # ------------------------------------------------------------------
    # Unknown values and duplicates
    # ------------------------------------------------------------------

    def test_unknown_values_are_rejected_with_a_reason(self):
        rows = [["客户名称", "渠道", "区域", "重要程度", "邮箱", "省份"],
                ["客户一", "超市", "", "", "", ""],
                ["客户二", "", "华中区", "", "", ""],
                ["客户三", "", "", "Z", "not-an-email", ""],
                ["客户四", "", "", "", "", "火星省"],
                ["", "五金市场", "", "", "", ""],
                ["客户五", "五金市场", "", "", "", ""]]
        wizard = self._wizard(xlsx_bytes(rows), "unknown.xlsx")
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.invalid_count), (1, 5))
        messages = dict(zip(wizard.line_ids.mapped("row_number"), wizard.line_ids.mapped("message")))
        self.assertIn("超市", messages[2])
        self.assertIn("华中区", messages[3])
        self.assertIn("Z", messages[4])
        self.assertIn("not-an-email", messages[4])
        self.assertIn("火星省", messages[5])
        self.assertTrue(messages[6])
        self.assertFalse(self.Partner.search([("name", "in", ["客户一", "客户二", "客户三", "客户四"])]))
        rejected = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.rejected_file))).active
        table = [[cell.value for cell in row] for row in rejected.iter_rows()]
        self.assertEqual(table[0][-1], "Reason")
        self.assertEqual(len(table), 6)
        self.assertEqual(table[1][0], "客户一")
        self.assertIn("超市", table[1][-1])

    def test_unknown_values_created_by_a_manager(self):
        rows = [["客户名称", "渠道", "区域", "客户来源", "客户类型"],
                ["客户一", "超市", "华中区/武汉", "抖音", "代理商"],
                ["客户二", "超市", "华中区 › 武汉", "抖音", "代理商"]]
        wizard = self._wizard(xlsx_bytes(rows), "create.xlsx", user=self.user_manager, unknown_value_policy="create")
        wizard.action_import()
        self.assertEqual(wizard.new_count, 2)
        customers = self.Partner.search([("name", "in", ["客户一", "客户二"])])
        self.assertEqual(len(customers.dealer_channel_id), 1)
        self.assertEqual(customers.dealer_channel_id.name, "超市")
        self.assertEqual(customers.dealer_region_id.complete_name, "华中区 › 武汉")
        self.assertEqual(customers.dealer_source_id.name, "抖音")
        self.assertEqual(customers.user_id, self.user_manager)

    def test_salesperson_cannot_create_values_or_import_for_others(self):
        with self.assertRaises(AccessError):
            self._wizard(xlsx_bytes(self.good_rows), "a.xlsx", unknown_value_policy="create")
        with self.assertRaises(AccessError):
            self._wizard(xlsx_bytes(self.good_rows), "a.xlsx", user_id=self.user_salesperson_b.id)

    def test_manager_imports_for_a_salesperson(self):
        wizard = self._wizard(xlsx_bytes(self.good_rows), "a.xlsx", user=self.user_manager,
                              user_id=self.user_salesperson_b.id)
        wizard.action_import()
        self.assertEqual(self.Partner.search([("name", "=", "上海广汇建材")]).user_id, self.user_salesperson_b)

    def test_duplicates_skipped_updated_or_imported(self):
        rows = [["客户名称", "电话", "手机", "税号", "城市"],
                ["上海鑫达五金商行", "", "", "", "上海"],              # same name as customer_a
                ["另一个名字", "", "13800000000", "", ""],             # new
                ["第三个名字", "", "+86 138-0000-0000", "", ""],       # same mobile as the row above
                ["南京恒通", "", "", "", ""],                          # new
                ["税号重复", "", "", "91 3201", ""]]
        self.customer_b.vat = "913201"
        for policy, expected in (("skip", (2, 0, 3)), ("update", (2, 1, 2)), ("import", (5, 0, 0))):
            with self.subTest(policy=policy):
                wizard = self._wizard(xlsx_bytes(rows), "dup.xlsx", duplicate_policy=policy)
                wizard.action_preview()
                self.assertEqual((wizard.new_count, wizard.update_count, wizard.skip_count + wizard.invalid_count), expected)
        # The row matching another salesperson's customer cannot update it.
        wizard = self._wizard(xlsx_bytes(rows), "dup.xlsx", duplicate_policy="update")
        wizard.action_preview()
        line = wizard.line_ids.filtered(lambda l: l.row_number == 6)
        self.assertEqual(line.status, "invalid")
        self.assertFalse(line.partner_id, "another salesperson's customer is neither named nor linked")
        self.assertIn("an existing customer you cannot see", line.message)
        wizard.action_import()
        self.assertEqual(self.customer_a.city, "上海", "the update wrote the row's values")
        self.assertEqual(self.Partner.search_count([("name", "=", "上海鑫达五金商行")]), 1)
        skipped = wizard.line_ids.filtered(lambda l: l.row_number == 4)
        self.assertIn("3", skipped.message, "names the earlier row")

    # ------------------------------------------------------------------
    # Bad files: a clear error, nothing written
    # ------------------------------------------------------------------

    def test_wrong_file_type(self):
        self._assert_refused(b"hello", "notes.txt", "Only .xlsx, .xls and .csv")
        self._assert_refused(xlsx_bytes(self.good_rows), "disguised.csv", r"\.xlsx file")
        self._assert_refused(csv_bytes(self.good_rows), "disguised.xlsx", r"\.csv file")
        self._assert_refused(b"%PDF-1.4\n\x00\x01binary", "scan.xlsx", "binary data")

    def test_corrupt_files(self):
        content = xlsx_bytes(self.good_rows)
        self._assert_refused(content[: len(content) // 2], "truncated.xlsx", "damaged")
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("hello.txt", "not a workbook")
        self._assert_refused(archive.getvalue(), "zip.xlsx", "damaged")
        self._assert_refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "broken.xls", "damaged")
        self._assert_refused(b"\xff\xfe\xfa\xfb" * 100 + b"\x81", "garbage.csv", "neither UTF-8 nor GBK")

    def test_empty_and_missing_column(self):
        self._assert_refused(xlsx_bytes([]), "empty.xlsx", "empty")
        self._assert_refused(xlsx_bytes([["客户名称", "电话"]]), "header_only.xlsx", "empty")
        self._assert_refused(b"", "nothing.csv", "Choose a spreadsheet")
        self._assert_refused(xlsx_bytes([["电话", "城市"], ["021-1", "上海"]]), "no_name.xlsx", "客户名称")

    def test_formulas_and_merged_cells(self):
        self._assert_refused(xlsx_bytes(self.good_rows, formula_cell="H3"), "formula.xlsx", "H3.*formula")
        self._assert_refused(xlsx_bytes(self.good_rows, merge="A2:B2"), "merged.xlsx", "merged cells")
        book = xlwt.Workbook()
        sheet = book.add_sheet("s")
        sheet.write(0, 0, "客户名称")
        sheet.write_merge(1, 1, 0, 1, "合并")
        output = io.BytesIO()
        book.save(output)
        self._assert_refused(output.getvalue(), "merged.xls", "merged cells")

    def test_size_limits(self):
        rows = "客户名称\n" + "\n".join(f"客户{i}" for i in range(100_001))
        self._assert_refused(rows.encode(), "big.csv", "more than 100,000 rows")
        self._assert_refused(b"a" * (20 * 1024 * 1024 + 1), "huge.csv", "at most 20 MB")
