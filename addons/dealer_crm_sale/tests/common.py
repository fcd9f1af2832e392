import base64

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form
from odoo.tools import SQL

from odoo.addons.dealer_crm.tests.common import DealerCrmCommon, shanghai_day

from ..models.dealer_sales_fact import FACT_COLUMNS, SALES_METRICS


class FactsInvariantMixin:
    """After each test, the stored sales facts equal those rebuilt from
    their sources: a write path that forgets the facts fails the test that
    took it. For the test classes of every addon that touches orders,
    payments or customers."""

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


class DealerSalesCommon(FactsInvariantMixin, DealerCrmCommon):
    """Dealer CRM's company, users and customers, with the facts invariant."""


class DealerSalesFactsCommon(DealerSalesCommon):
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
