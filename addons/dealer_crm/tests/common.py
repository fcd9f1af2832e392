import base64
import io
from contextlib import contextmanager
from datetime import datetime

import openpyxl
import pytz
from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, TransactionCase, new_test_user
from odoo.tools import SQL

from odoo.addons.dealer_crm.models.dealer_sales_fact import FACT_COLUMNS, SALES_METRICS

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

    def setUp(self):
        super().setUp()
        # Runs before the test's changes are rolled back: a write path that
        # forgets the facts fails the test that took it.
        self.addCleanup(self.assertFactsCurrent)

    def _stored(self):
        """The stored facts as the transaction would commit them."""
        self.env.cr.flush()
        return sorted(self.env.execute_query(SQL("SELECT %s FROM dealer_sales_fact", FACT_COLUMNS)), key=repr)

    def _computed(self):
        Fact = self.env["dealer.sales.fact"]
        rows = [row for metric, _label in SALES_METRICS for row in self.env.execute_query(Fact._sql_source(metric))]
        return sorted(rows, key=repr)

    def _summary(self, table):
        """The monthly sums of ``table`` (the facts or their summary), zeros left out."""
        month = "month" if table == "dealer_sales_summary" else "date_trunc('month', date::timestamp)::date"
        return sorted(self.env.execute_query(SQL(
            """SELECT metric, %s AS month, user_id, team_id, company_id, region_id, channel_id, customer_type_id,
                      SUM(record_count), ROUND(SUM(amount)::numeric, 6), ROUND(SUM(quantity)::numeric, 6)
                 FROM %s GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
               HAVING SUM(record_count) != 0 OR ROUND(SUM(amount)::numeric, 6) != 0""",
            SQL(month), SQL.identifier(table),
        )), key=repr)

    def assertFactsCurrent(self):
        """The stored sales facts and their monthly summary equal the facts
        rebuilt from the sources (orders, payments, customers, ownership
        log), as the transaction would commit them."""
        stored = self._stored()
        self.assertEqual(stored, self._computed())
        self.assertEqual(self._summary("dealer_sales_summary"), self._summary("dealer_sales_fact"),
                         "the monthly summary adds up the facts")
        return stored

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


class DealerSalesFactsCommon(DealerCrmCommon):
    """Orders, invoices and payments built by hand at given moments, with a
    product without taxes so that every amount is the one written here, and
    a second currency worth half the company's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "不锈钢合页", "list_price": 100, "taxes_id": False})
        company_currency = cls.env.company.currency_id
        cls.other_currency = cls.env.ref("base.EUR") if company_currency != cls.env.ref("base.EUR") \
            else cls.env.ref("base.USD")
        cls.other_currency.active = True
        cls.env["res.currency.rate"].create({
            "currency_id": cls.other_currency.id, "name": "2026-01-01", "rate": 0.5, "company_id": cls.env.company.id,
        })
        cls.other_pricelist = cls.env["product.pricelist"].create({
            "name": "外币价目表", "currency_id": cls.other_currency.id,
        })

    @classmethod
    def _sale(cls, customer, moment, price, salesperson=None, confirm=True, pricelist=None):
        with freeze_time(moment):
            order = cls.env["sale.order"].create({
                "partner_id": customer.id,
                "user_id": (salesperson or customer.user_id).id,
                "pricelist_id": pricelist.id if pricelist else False,
                "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 1, "price_unit": price,
                                       "tax_ids": False})],
            })
            if confirm:
                order.action_confirm()
        cls._set_create_date(order, moment)
        cls._commit_facts()
        return order

    @classmethod
    def _commit_facts(cls):
        """Each helper stands for a user's request: its facts are brought up
        to date as its transaction would commit them (reports never write)."""
        cls.env.cr.flush()

    @classmethod
    def _set_create_date(cls, records, moment):
        """Odoo stamps ``create_date`` with the database's clock, which
        freezegun does not stop."""
        records.flush_recordset()
        cls.env.cr.execute(
            SQL("UPDATE %s SET create_date = %s WHERE id IN %s", SQL.identifier(records._table), moment,
                tuple(records.ids)),
        )
        records.invalidate_recordset(["create_date"])
        # Written behind the ORM's back: the facts that read it are recomputed as the ORM's own changes are.
        records._mark_dealer_facts()
        cls._commit_facts()

    @classmethod
    def _invoice(cls, order, moment):
        with freeze_time(moment):
            invoice = order._create_invoices()
            invoice.action_post()
        cls._commit_facts()
        return invoice

    @classmethod
    def _pay_invoice(cls, invoice, day, amount):
        """Register a payment of ``amount`` on ``day`` against ``invoice``."""
        with freeze_time(day):
            payments = cls.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids,
            ).create({"payment_date": day, "amount": amount})._create_payments()
        cls._commit_facts()
        return payments

    @classmethod
    def _payment(cls, customer, day, amount, payment_type="inbound"):
        """A posted customer payment for no invoice; outbound: money paid back."""
        with freeze_time(day):
            payment = cls.env["account.payment"].create({
                "partner_id": customer.id, "partner_type": "customer", "payment_type": payment_type,
                "amount": amount, "date": day,
            })
            payment.action_post()
        cls._commit_facts()
        return payment

    def _amounts(self, metric, **where):
        self.env.cr.flush()
        domain = [("metric", "=", metric)] + [(field, "=", value) for field, value in where.items()]
        facts = self.env["dealer.sales.fact"].sudo().search(domain)
        return {(fact.user_id.name, str(fact.date)): fact.amount for fact in facts}

    @staticmethod
    def _owner_history(customer):
        return [(log.action, log.from_user_id.name, log.to_user_id.name, log.salesperson_id.name)
                for log in customer.dealer_owner_log_ids.sorted("id")]

    def _created_and_transferred(self):
        """Two customers of 张伟's, one created on the form and one imported,
        each with its new-customer fact the day it was created; then given
        to 李娜, by a manager's write and by a manager's edit on the form."""
        by_form = self._create_customer("表单客户", self.user_salesperson, region=self.region_pudong)
        wizard = self.env["dealer.import.wizard"].with_user(self.user_salesperson).create({
            "file": base64.b64encode("客户名称,区域\n导入客户,华东区 › 上海 › 浦东\n".encode()),
            "filename": "导入.csv",
        })
        wizard.action_import()
        by_import = self.Partner.search([("name", "=", "导入客户")])
        self.assertEqual(by_import.user_id, self.user_salesperson)
        self.assertFactsCurrent()
        for customer in by_form | by_import:
            self.assertEqual(self._amounts("new_customers", partner_id=customer.id),
                             {("张伟", str(shanghai_day(customer.create_date))): 1},
                             "counted the day it was created, in the owner's time zone")
        by_form.with_user(self.user_manager).write({"user_id": self.user_salesperson_b.id})
        with Form(by_import.with_user(self.user_manager), view="dealer_crm.res_partner_view_form_dealer") as form:
            form.user_id = self.user_salesperson_b
        self.assertFactsCurrent()
        return by_form, by_import

    @classmethod
    def _log_owner(cls, customer, user, moment, action="assign", from_user=None):
        """An ownership change of ``customer`` to ``user`` at ``moment``."""
        log = cls.env["dealer.owner.log"].sudo().create({
            "partner_id": customer.id, "to_user_id": user.id if user else False,
            "from_user_id": from_user.id if from_user else False, "action": action, "date": moment,
        })
        cls._commit_facts()
        return log
