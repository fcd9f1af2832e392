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
                ["客户一", "超市", "华东区/武汉", "抖音", "代理商"],
                ["客户二", "超市", "华东区 › 武汉", "抖音", "代理商"]]
        wizard = self._wizard(xlsx_bytes(rows), "create.xlsx", user=self.user_manager, unknown_value_policy="create")
        wizard.action_import()
        self.assertEqual(wizard.new_count, 2)
        customers = self.Partner.search([("name", "in", ["客户一", "客户二"])])
        self.assertEqual(len(customers.dealer_channel_id), 1)
        self.assertEqual(customers.dealer_channel_id.name, "超市")
        self.assertEqual(customers.dealer_region_id.complete_name, "华东区 › 武汉")
        self.assertEqual(customers.dealer_region_id.parent_id, self.region_east)
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
    # Spreadsheets as people keep them
    # ------------------------------------------------------------------

    PEOPLES_HEADER = ["客户", "联系人姓名", "手机号", "座机", "地址", "来源", "行业", "人员规模", "区域", "微信号"]

    def _peoples_rows(self):
        return [
            self.PEOPLES_HEADER,
            ["杭州兴业五金商行", "陈明", "13957112345", "0571-86001234", "西湖区文三路1号", "展会", "五金", "1-10人",
             "华东区/杭州", "chenming88"],
            ["宁波恒丰建材", "林芳", "13805741234", "0574-87001234", "鄞州区天童路8号", "朋友介绍", "五金", "11-50人",
             "华东区/宁波", "lf_nb"],
            ["上海东方工具", "", "", "021-58001234", "浦东新区张江路5号", "展会", "", "200-500", "华东区 › 上海", ""],
        ]

    def _lines(self, wizard):
        return {line.row_number: line for line in wizard.line_ids}

    def test_peoples_spreadsheet_imported_by_a_manager_with_the_defaults(self):
        industries = self.env["res.partner.industry"].search_count([])
        regions = self.env["dealer.region"].search_count([])
        wizard = self._wizard(xlsx_bytes(self._peoples_rows()), "经销商名单.xlsx", user=self.user_manager)
        self.assertEqual(wizard.unknown_value_policy, "create", "a manager's default")
        wizard.action_preview()
        self.assertEqual((wizard.new_count, wizard.update_count, wizard.skip_count, wizard.invalid_count), (3, 0, 0, 0),
                         wizard.line_ids.mapped("message"))
        self.assertEqual(wizard.new_values.splitlines(), [
            "区域 / Region: 华东区 › 杭州, 华东区 › 宁波",
            "客户来源 / Source: 朋友介绍",
            "行业 / Industry: 五金",
        ])
        self.assertEqual(wizard.ignored_columns, "微信号")
        self.assertEqual(self.env["res.partner.industry"].search_count([]), industries, "the preview creates nothing")
        self.assertEqual(self.env["dealer.region"].search_count([]), regions)

        wizard.action_import()
        self.assertEqual(wizard.new_count, 3)
        self.assertFalse(wizard.rejected_file)
        self.assertIn("行业 / Industry: 五金", wizard.new_values, "the done step says what was created")
        xingye, hengfeng, dongfang = (self.Partner.search([("name", "=", name), ("is_company", "=", True)])
                                      for name in ("杭州兴业五金商行", "宁波恒丰建材", "上海东方工具"))
        hardware = self.env["res.partner.industry"].search([("name", "=", "五金")])
        self.assertEqual(len(hardware), 1, "one industry for both rows")
        self.assertRecordValues(xingye + hengfeng + dongfang, [
            {"industry_id": hardware.id, "dealer_scale": "micro", "phone": "0571-86001234",
             "street": "西湖区文三路1号", "dealer_source_id": self.source_fair.id, "user_id": self.user_manager.id},
            {"industry_id": hardware.id, "dealer_scale": "small", "phone": "0574-87001234",
             "street": "鄞州区天童路8号", "dealer_source_id": hengfeng.dealer_source_id.id, "user_id": self.user_manager.id},
            {"industry_id": False, "dealer_scale": "large", "phone": "021-58001234",
             "street": "浦东新区张江路5号", "dealer_source_id": self.source_fair.id, "user_id": self.user_manager.id},
        ])
        self.assertEqual(hengfeng.dealer_source_id.name, "朋友介绍")
        self.assertRecordValues(xingye.dealer_region_id + hengfeng.dealer_region_id, [
            {"name": "杭州", "parent_id": self.region_east.id, "complete_name": "华东区 › 杭州"},
            {"name": "宁波", "parent_id": self.region_east.id, "complete_name": "华东区 › 宁波"},
        ])
        self.assertEqual(dongfang.dealer_region_id, self.region_shanghai)
        self.assertRecordValues(xingye.child_ids, [{"name": "陈明", "phone": "13957112345"}])
        self.assertEqual(self.env["dealer.region"].search_count([]), regions + 2)

    def test_peoples_spreadsheet_gives_a_salesperson_reasons(self):
        wizard = self._wizard(xlsx_bytes(self._peoples_rows()), "经销商名单.xlsx")
        self.assertEqual(wizard.unknown_value_policy, "reject", "a salesperson's default")
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.invalid_count), (1, 2))
        self.assertFalse(wizard.new_values)
        self.assertEqual(wizard.ignored_columns, "微信号")
        lines = self._lines(wizard)
        for number, values in ((2, ("行业 / Industry “五金” does not exist", "区域 / Region “华东区/杭州” does not exist")),
                               (3, ("行业 / Industry “五金” does not exist", "客户来源 / Source “朋友介绍” does not exist"))):
            for value in values:
                self.assertIn(value, lines[number].message)
            self.assertIn("Ask a sales manager to create it", lines[number].message)
            self.assertNotIn("规模", lines[number].message, "the scale is read")
        self.assertFalse(self.env["res.partner.industry"].search([("name", "=", "五金")]))
        self.assertFalse(self.env["dealer.region"].search([("name", "=", "杭州")]))
        self.assertEqual(self.Partner.search([("name", "=", "上海东方工具")]).dealer_scale, "large")
        # A manager who chose to reject is told how to create them.
        wizard = self._wizard(xlsx_bytes(self._peoples_rows()), "经销商名单.xlsx", user=self.user_manager,
                              unknown_value_policy="reject")
        wizard.action_preview()
        self.assertIn("Choose “Create the value” under Unknown Values", self._lines(wizard)[2].message)

    def test_scale_read_from_the_headcount(self):
        texts = {
            "1-10人": "micro", "11-50人": "small", "50人以下": "micro", "200-500": "large", "1000人以上": "enterprise",
            "10~49人": "small", "约30人": "small", "51-200人": "medium", "501-1000人": "large", "1,000+": "enterprise",
            "１０～４９人": "small", "少于10人": "micro", "超过999人": "enterprise", "1万人以上": "enterprise", "8": "micro",
            "Medium": "medium", "年营收500万": False, "500万": False, "很多": False,
        }
        rows = [["客户名称", "规模"], *([f"规模客户{index}", text] for index, text in enumerate(texts))]
        wizard = self._wizard(xlsx_bytes(rows), "scale.xlsx")
        wizard.action_import()
        lines = self._lines(wizard)
        for index, (text, scale) in enumerate(texts.items()):
            with self.subTest(text=text):
                customer = self.Partner.search([("name", "=", f"规模客户{index}")])
                if scale:
                    self.assertEqual(customer.dealer_scale, scale)
                else:
                    self.assertFalse(customer)
                    self.assertIn(f"“{text}” is not a valid 规模 / Scale", lines[index + 2].message)

    def test_region_created_only_under_an_existing_region(self):
        other_pudong = self.env["dealer.region"].create({"name": "浦东", "parent_id": self.region_north.id})
        self.env["dealer.region"].create({"name": "苏州", "parent_id": self.region_east.id, "active": False})
        rows = [["客户名称", "区域"],
                ["区域客户一", "华东区/杭州"],          # 2: created under 华东区
                ["区域客户二", "华东区 > 杭州"],        # 3: the same new region
                ["区域客户三", "上海/闵行"],            # 4: under 上海, named alone as its name is unique
                ["区域客户四", "华东区/上海/闵行"],     # 5: the same new region
                ["区域客户五", "华中区/武汉"],          # 6: 华中区 does not exist
                ["区域客户六", "华东区/宁波/北仑"],     # 7: 宁波 does not exist
                ["区域客户七", "华南区"],               # 8: a new top-level region
                ["区域客户八", "浦东"],                 # 9: two regions have this name
                ["区域客户九", "华东区/苏州"],          # 10: archived
                ["区域客户十", "上海/浦东"]]            # 11: exists
        wizard = self._wizard(xlsx_bytes(rows), "regions.xlsx", user=self.user_manager)
        wizard.action_preview()
        self.assertEqual(wizard.new_values, "区域 / Region: 华东区 › 杭州, 华东区 › 上海 › 闵行, 华南区")
        wizard.action_import()
        lines = self._lines(wizard)
        self.assertEqual(sorted(lines), [6, 7, 9, 10])
        self.assertIn("the region 华中区 does not exist", lines[6].message)
        self.assertIn("the region 华东区 › 宁波 does not exist", lines[7].message)
        self.assertIn("华东区 › 上海 › 浦东", lines[9].message)
        self.assertIn("华北区 › 浦东", lines[9].message)
        self.assertIn("archived", lines[10].message)
        regions = {name: self.Partner.search([("name", "=", name)]).dealer_region_id
                   for name in ("区域客户一", "区域客户二", "区域客户三", "区域客户四", "区域客户七", "区域客户十")}
        self.assertEqual(regions["区域客户一"], regions["区域客户二"])
        self.assertEqual((regions["区域客户一"].name, regions["区域客户一"].parent_id), ("杭州", self.region_east))
        self.assertEqual(regions["区域客户三"], regions["区域客户四"])
        self.assertEqual((regions["区域客户三"].name, regions["区域客户三"].parent_id), ("闵行", self.region_shanghai))
        self.assertEqual((regions["区域客户七"].name, regions["区域客户七"].parent_id.id), ("华南区", False))
        self.assertEqual(regions["区域客户十"], self.region_pudong)
        self.assertFalse(self.env["dealer.region"].search([("name", "in", ["华中区", "武汉", "宁波", "北仑"])]))
        self.assertEqual(self.env["dealer.region"].search_count([("name", "=", "浦东")]), 2, other_pudong)

    def test_only_the_values_of_imported_rows_are_created(self):
        self.env["dealer.channel"].create({"name": "旧渠道", "active": False})
        rows = [["客户名称", "行业", "邮箱", "渠道"],
                ["行业客户一", "灯具", "", ""],
                ["行业客户二", "卫浴", "not-an-email", ""],     # invalid: 卫浴 is not created
                ["上海鑫达五金商行", "陶瓷", "", ""],            # a duplicate, skipped: 陶瓷 neither
                ["行业客户三", "", "", "旧渠道"],                # archived: not created again
                ["行业客户四", "长" * 300, "", ""]]               # too long a name to create
        wizard = self._wizard(xlsx_bytes(rows), "industries.xlsx", user=self.user_manager)
        wizard.action_preview()
        self.assertEqual(wizard.new_values, "行业 / Industry: 灯具")
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.skip_count, wizard.invalid_count), (1, 1, 3))
        self.assertIn("渠道 / Channel “旧渠道” is archived", self._lines(wizard)[5].message)
        self.assertIn("is longer than 256 characters", self._lines(wizard)[6].message)
        Industry = self.env["res.partner.industry"]
        self.assertEqual(Industry.search([("name", "in", ["灯具", "卫浴", "陶瓷"])]).mapped("name"), ["灯具"])
        self.assertEqual(self.Partner.search([("name", "=", "行业客户一")]).industry_id.name, "灯具")

    def test_header_synonyms_and_ignored_columns(self):
        headers = [
            ["公司名称", "联系人", "手机号码", "固定电话", "详细地址", "客户来源", "所属行业", "公司规模", "市", "省",
             "说明", "电子邮箱", "职务"],
            ["名称", "Contact", "移动电话", "联系电话", "地址详情", "Source", "行业", "规模", "城市", "省份",
             "备注", "Email", "Job Position"],
            ["Customer Name", "联系人姓名", "Mobile", "Phone", "Address", "来源", "Industry", "人员规模", "City",
             "Province", "Notes", "邮箱", "职位"],
        ]
        for index, header in enumerate(headers):
            with self.subTest(header=header[0]):
                name = f"同义词客户{index}"
                rows = [header, [name, "赵强", f"1395710000{index}", f"0571-8600000{index}", "文三路9号", "展会", "Construction",
                                 "10~49人", "杭州", "浙江", "老客户", "zq@example.cn", "采购经理"]]
                wizard = self._wizard(xlsx_bytes(rows), "synonyms.xlsx")
                wizard.action_import()
                self.assertEqual(wizard.new_count, 1, wizard.line_ids.mapped("message"))
                self.assertFalse(wizard.ignored_columns)
                customer = self.Partner.search([("name", "=", name)])
                self.assertRecordValues(customer, [{
                    "phone": f"0571-8600000{index}", "street": "文三路9号", "dealer_source_id": self.source_fair.id,
                    "industry_id": self.env.ref("base.res_partner_industry_F").id, "dealer_scale": "small",
                    "city": "杭州", "state_id": self.env.ref("base.state_cn_ZJ").id, "email": "zq@example.cn",
                }])
                self.assertIn("老客户", customer.comment)
                self.assertRecordValues(customer.child_ids, [
                    {"name": "赵强", "phone": f"1395710000{index}", "function": "采购经理"},
                ])
        # A second column of the same kind, an untitled one with values and notes in the titles.
        rows = [["客户名称（必填）", "电话", "联系电话", "", "QQ", "", "手机 *"],
                ["重复列客户", "0571-86100001", "0571-86100002", "备用", "12345", "", "13957100009"]]
        wizard = self._wizard(xlsx_bytes(rows), "columns.xlsx")
        wizard.action_import()
        self.assertEqual(wizard.ignored_columns.splitlines(), [
            "联系电话 (电话 / Phone is read from the column “电话”)", "Column D (no title)", "QQ",
        ])
        self.assertEqual(self.Partner.search([("name", "=", "重复列客户")]).phone, "0571-86100001")
        # Many columns: the first ones named, the others counted; a long title shortened.
        header = ["客户名称", "备" * 100, *(f"自定义{index}" for index in range(59))]
        wizard = self._wizard(xlsx_bytes([header, ["多列客户", *[""] * 60]]), "wide.xlsx")
        wizard.action_preview()
        ignored = wizard.ignored_columns.splitlines()
        self.assertEqual(len(ignored), 51)
        self.assertEqual(ignored[0], "备" * 60 + "…")
        self.assertEqual(ignored[49], "自定义48")
        self.assertEqual(ignored[50], "and 10 more columns")

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
