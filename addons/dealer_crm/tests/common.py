import io
from contextlib import contextmanager
from datetime import datetime

import openpyxl
import pytz

from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL

# What Excel and WPS would run as a formula (or DDE) if the cell were not text.
FORMULA_LIKE = ("=", "+", "-", "@")
DDE = "=cmd|' /C calc'!A0"


class DealerCrmCommon(TransactionCase):
    """A Chinese company (its phone numbers need no country code), two
    salespeople in one team, its leader (also manager of 华东区), a
    back-office clerk, an administrator, and customers owned by each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.partner_id.country_id = cls.env.ref("base.cn")
        cls.Partner = cls.env["res.partner"]
        cls.region_east = cls.env["dealer.region"].create({"name": "华东区"})
        cls.region_shanghai = cls.env["dealer.region"].create({
            "name": "上海",
            "parent_id": cls.region_east.id,
            "state_ids": [cls.env.ref("base.state_cn_SH").id],
        })
        cls.region_pudong = cls.env["dealer.region"].create({"name": "浦东", "parent_id": cls.region_shanghai.id})
        cls.region_north = cls.env["dealer.region"].create({"name": "华北区"})
        cls.channel_hardware = cls.env["dealer.channel"].create({"name": "五金市场"})
        cls.type_dealer = cls.env["dealer.customer.type"].create({"name": "经销商"})
        cls.source_fair = cls.env["dealer.source"].create({"name": "展会"})

        def user(login, group, name):
            return new_test_user(
                cls.env, login, groups=f"base.group_user,dealer_crm.{group}", name=name, tz="Asia/Shanghai",
            )

        cls.user_salesperson = user("dealer_sales_a", "group_dealer_salesperson", "张伟")
        cls.user_salesperson_b = user("dealer_sales_b", "group_dealer_salesperson", "李娜")
        cls.user_salesperson_other_team = user("dealer_sales_c", "group_dealer_salesperson", "刘洋")
        cls.user_manager = user("dealer_manager", "group_dealer_manager", "王建国")
        cls.user_back_office = user("dealer_back_office", "group_dealer_back_office", "孙丽")
        cls.user_admin = user("dealer_admin", "group_dealer_admin", "管理员")
        cls.team = cls.env["crm.team"].create({
            "name": "华东销售团队",
            "user_id": cls.user_manager.id,
            "member_ids": [Command.set((cls.user_salesperson | cls.user_salesperson_b).ids)],
        })
        cls.team_other = cls.env["crm.team"].create({
            "name": "华南销售团队",
            "member_ids": [Command.set(cls.user_salesperson_other_team.ids)],
        })
        cls.region_east.manager_id = cls.user_manager

        cls.customer_a = cls._create_customer("上海鑫达五金商行", cls.user_salesperson, region=cls.region_pudong)
        cls.customer_b = cls._create_customer("南京恒通建材有限公司", cls.user_salesperson_b)
        cls.customer_other_team = cls._create_customer("广州盛源五金经营部", cls.user_salesperson_other_team)
        cls.customer_north_unowned = cls._create_customer("北京永发工具商行", None, region=cls.region_north)
        cls.customer_east_other_team = cls._create_customer(
            "杭州金鼎装饰材料有限公司", cls.user_salesperson_other_team, region=cls.region_shanghai,
        )
        cls.contact_a = cls.Partner.create({
            "name": "王志强", "parent_id": cls.customer_a.id, "type": "contact", "function": "总经理",
        })
        cls.contact_b = cls.Partner.create({"name": "李秀英", "parent_id": cls.customer_b.id, "type": "contact"})
        cls.vendor = cls.Partner.create({"name": "钢材供应商", "is_company": True})

    @contextmanager
    def read_only(self):
        """Run the block as Odoo serves a read from a replica: in a read-only
        transaction, after the writing one committed (its pre-commit work
        done), on an empty cache. Any write, flush or pre-commit work the
        block leaves behind fails it."""
        self.env.cr.flush()
        self.env.invalidate_all()
        self.env.cr.execute(SQL("SAVEPOINT dealer_read_only"))
        self.env.cr.execute(SQL("SET LOCAL transaction_read_only = on"))
        try:
            yield
            self.env.cr.flush()
        finally:
            self.env.cr.execute(SQL("ROLLBACK TO SAVEPOINT dealer_read_only"))
            self.env.invalidate_all(flush=False)

    def assertTextCells(self, content, expected, sheet_name=None):
        """Every formula-like value in the workbook ``content`` is a text
        cell, and ``expected`` are all there, unchanged."""
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheets = [workbook[sheet_name]] if sheet_name else workbook.worksheets
        found = []
        for sheet in sheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_LIKE):
                        self.assertEqual(cell.data_type, "s", f"{cell.coordinate} {cell.value!r} is text")
                        found.append(cell.value)
        self.assertEqual(sorted(found), sorted(expected))
        return workbook

    @staticmethod
    def _changes(customer):
        """The ownership changes of ``customer``, latest first: its log but
        the row of its creation (which the fixtures date today)."""
        return customer.dealer_owner_log_ids.filtered(lambda log: log.action != "create")

    @classmethod
    def _create_customer(cls, name, owner, region=None, **values):
        return cls.env["res.partner"].create({
            "name": name,
            "is_company": True,
            "is_dealer": True,
            "user_id": owner.id if owner else False,
            "dealer_region_id": region.id if region else False,
            "dealer_channel_id": cls.channel_hardware.id,
            "dealer_customer_type_id": cls.type_dealer.id,
            **values,
        })


def shanghai_now():
    """The wall-clock time in Shanghai, naive, as a phone there writes it in EXIF."""
    return datetime.now(pytz.timezone("Asia/Shanghai")).replace(tzinfo=None)


def shanghai_day(moment):
    """The day in Shanghai, the test users' time zone, of ``moment`` (naive
    UTC, as Odoo stores it): the day a fact of that moment counts for."""
    return pytz.utc.localize(moment).astimezone(pytz.timezone("Asia/Shanghai")).date()
