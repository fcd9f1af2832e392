import base64
import io

import openpyxl

from odoo.tests import tagged

from odoo.addons.dealer_crm.tests.test_import import csv_bytes, xlsx_bytes

from ..tools.coords import gcj02_to_wgs84, wgs84_to_gcj02
from .common import DealerRouteCommon

# 上海鑫达's shop as AMap shows it (GCJ-02), and as a phone's GPS reads it (WGS-84).
SHOP_WGS84 = (31.2304, 121.4737)
SHOP_GCJ02 = wgs84_to_gcj02(*SHOP_WGS84)


@tagged("post_install", "-at_install")
class TestImportPins(DealerRouteCommon):

    def import_rows(self, rows, filename="客户.xlsx", **values):
        content = xlsx_bytes(rows) if filename.endswith(".xlsx") else csv_bytes(rows)
        wizard = self.env["dealer.import.wizard"].with_user(self.user_salesperson).create({
            "file": base64.b64encode(content), "filename": filename, **values,
        })
        wizard.action_preview()
        return wizard

    def customer(self, name):
        return self.env["res.partner"].search([("name", "=", name)])

    def assertPin(self, customer, expected):
        self.assertAlmostEqual(customer.partner_latitude, expected[0], places=6)
        self.assertAlmostEqual(customer.partner_longitude, expected[1], places=6)

    def test_pins_copied_from_a_chinese_map_are_stored_in_wgs84(self):
        wizard = self.import_rows([
            ["客户名称", "纬度", "经度", "坐标系"],
            ["高德客户", SHOP_GCJ02[0], SHOP_GCJ02[1], ""],
            ["腾讯客户", f"{SHOP_GCJ02[0]}°", f"{SHOP_GCJ02[1]}°", "腾讯地图"],
            ["GPS客户", SHOP_WGS84[0], SHOP_WGS84[1], "WGS-84"],
            ["没有坐标的客户", "", "", ""],
        ])
        self.assertEqual((wizard.new_count, wizard.invalid_count), (4, 0))
        wizard.action_import()
        for name in ("高德客户", "腾讯客户", "GPS客户"):
            with self.subTest(name=name):
                self.assertPin(self.customer(name), SHOP_WGS84)
        self.assertFalse(self.customer("没有坐标的客户").partner_latitude)

    def test_the_option_says_the_files_coordinate_system(self):
        wizard = self.import_rows([["客户名称", "Latitude", "Longitude"], ["设备客户", *SHOP_WGS84]],
                                  filename="客户.csv", coordinate_system="wgs84")
        wizard.action_import()
        self.assertPin(self.customer("设备客户"), SHOP_WGS84)
        wizard = self.import_rows([["客户名称", "Lat", "Lng"], ["地图客户", *SHOP_WGS84]], coordinate_system="gcj02")
        wizard.action_import()
        self.assertPin(self.customer("地图客户"), gcj02_to_wgs84(*SHOP_WGS84))

    def test_bad_pins_are_rejected_with_a_reason(self):
        before = self.env["res.partner"].search_count([])
        wizard = self.import_rows([
            ["客户名称", "纬度", "经度", "坐标系"],
            ["只有纬度", "31.23", "", ""],
            ["纬度超界", "91", "121.47", ""],
            ["不是数字", "北纬31度", "121.47", ""],
            ["非数", "nan", "121.47", ""],
            ["百度坐标", "31.23", "121.47", "BD-09"],
            ["正常", "31.23", "121.47", "gcj-02"],
        ])
        self.assertEqual((wizard.new_count, wizard.invalid_count), (1, 5))
        reasons = {line.name: line.message for line in wizard.line_ids}
        self.assertIn("both a latitude and a longitude", reasons["只有纬度"])
        self.assertIn("is not a coordinate system", reasons["百度坐标"])
        for name in ("纬度超界", "不是数字", "非数"):
            self.assertIn("latitude within ±90°", reasons[name])
        wizard.action_import()
        self.assertEqual(self.env["res.partner"].search_count([]), before + 1, "only the good row")

    def test_the_template_has_the_pin_columns(self):
        wizard = self.env["dealer.import.wizard"].with_user(self.user_salesperson).create({})
        wizard.action_download_template()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file))).worksheets[0]
        titles = [cell.value for cell in sheet[1]]
        self.assertEqual(titles[-3:], ["纬度 / Latitude", "经度 / Longitude", "坐标系 / Coordinate System"])
