from dateutil.relativedelta import relativedelta

from odoo import Command, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_portal_access import DealerPortalCommon


class DealerStatementCommon(DealerPortalCommon):
    """A month three months back: customer A owes 1,000 from the month
    before; in the month it is invoiced 500 and 250, credited 100 and pays
    300 into the bank; customer B is invoiced 700."""

    def setUp(self):
        super().setUp()
        today = self.user_salesperson._dealer_local_today()
        self.month = today.replace(day=1) - relativedelta(months=3)
        self.bank = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1)
        self.receivable = self.customer_a.property_account_receivable_id
        self.opening_invoice = self._invoice(self.customer_a, 1000, self.month - relativedelta(days=3))
        self.invoice_1 = self._invoice(self.customer_a, 500, self.month + relativedelta(days=4))
        self.invoice_2 = self._invoice(self.contact_a, 250, self.month + relativedelta(days=9))
        self.refund = self._invoice(self.customer_a, 100, self.month + relativedelta(days=12), move_type="out_refund")
        self.payment = self._bank_receipt(self.customer_a, 300, self.month + relativedelta(days=20))
        self.invoice_b = self._invoice(self.customer_b, 700, self.month + relativedelta(days=5))
        self.draft_invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": self.customer_a.id, "invoice_date": self.month,
            "invoice_line_ids": [Command.create({"name": "草稿", "quantity": 1, "price_unit": 9999,
                                                "tax_ids": [Command.clear()]})],
        })

    def _invoice(self, partner, amount, date, move_type="out_invoice"):
        move = self.env["account.move"].create({
            "move_type": move_type, "partner_id": partner.id, "invoice_date": date, "date": date,
            "invoice_line_ids": [Command.create({"name": "合页", "quantity": 1, "price_unit": amount,
                                                "tax_ids": [Command.clear()]})],
        })
        move.action_post()
        return move

    def _bank_receipt(self, partner, amount, date):
        move = self.env["account.move"].create({
            "move_type": "entry", "journal_id": self.bank.id, "date": date, "ref": "银行回款",
            "line_ids": [
                Command.create({"account_id": self.bank.default_account_id.id, "debit": amount, "name": "回款"}),
                Command.create({"account_id": self.receivable.id, "partner_id": partner.id, "credit": amount,
                                "name": "回款"}),
            ],
        })
        move.action_post()
        return move

    def _generate(self, dealers=None, user=None):
        return self.env["dealer.statement"].with_user(user or self.user_back_office)._dealer_generate(
            self.month, self.env.company, dealers)

    def _sent(self, statements):
        statements.with_user(self.user_back_office).action_dealer_send()
        return statements


@tagged("post_install", "-at_install")
class TestDealerStatement(DealerStatementCommon):

    def test_figures_are_the_receivable_move_lines(self):
        statements = self._generate()
        statement_a = statements.filtered(lambda statement: statement.partner_id == self.customer_a)
        statement_b = statements.filtered(lambda statement: statement.partner_id == self.customer_b)
        self.assertEqual(len(statement_a), 1)
        self.assertEqual(statement_a.date_from, self.month)
        self.assertEqual(statement_a.date_to, self.month + relativedelta(months=1, days=-1))
        self.assertEqual(
            [statement_a.opening_balance, statement_a.invoiced_amount, statement_a.refunded_amount,
             statement_a.paid_amount, statement_a.other_amount, statement_a.closing_balance],
            [1000.0, 750.0, 100.0, 300.0, 0.0, 1350.0])
        self.assertEqual((statement_b.opening_balance, statement_b.invoiced_amount, statement_b.closing_balance),
                         (0.0, 700.0, 700.0))
        # The same figures, straight from the receivable move lines through the ORM.
        Line = self.env["account.move.line"]
        base = [("partner_id", "child_of", self.customer_a.id), ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"), ("company_id", "=", self.env.company.id)]
        closing = sum(Line.search(base + [("date", "<=", statement_a.date_to)]).mapped("balance"))
        opening = sum(Line.search(base + [("date", "<", statement_a.date_from)]).mapped("balance"))
        month_lines = Line.search(base + [("date", ">=", statement_a.date_from), ("date", "<=", statement_a.date_to)],
                                  order="date, move_name, id")
        self.assertAlmostEqual(statement_a.closing_balance, closing)
        self.assertAlmostEqual(statement_a.opening_balance, opening)
        self.assertEqual(statement_a.line_count, len(month_lines))
        self.assertEqual(statement_a.sudo().line_ids.move_id, month_lines.move_id)
        self.assertEqual(statement_a.line_ids.mapped("move_name"), month_lines.mapped("move_name"))
        self.assertEqual(statement_a.line_ids.mapped("kind"), ["invoice", "invoice", "refund", "payment"])
        self.assertEqual(statement_a.line_ids.mapped("balance"), [1500.0, 1750.0, 1650.0, 1350.0],
                         "each entry with the balance after it")
        self.assertAlmostEqual(sum(statement_a.line_ids.mapped("debit")) - sum(statement_a.line_ids.mapped("credit")),
                               statement_a.closing_balance - statement_a.opening_balance)
        self.assertEqual(statement_a.state, "draft")
        self.assertEqual(statement_a.user_id, self.user_back_office)

    def test_generating_again_only_corrects(self):
        statement_a, statement_b = (self._generate().sorted(lambda s: s.partner_id != self.customer_a))
        self.assertFalse(self._generate(), "nothing changed: nothing new")
        self._sent(statement_a | statement_b)
        statement_b.with_user(self.portal_b).action_dealer_confirm()
        # A late invoice of the month for both dealers: a correction each.
        self._invoice(self.customer_a, 40, self.month + relativedelta(days=25))
        self._invoice(self.customer_b, 60, self.month + relativedelta(days=25))
        corrections = self._generate()
        self.assertEqual(len(corrections), 2)
        new_a = corrections.filtered(lambda statement: statement.partner_id == self.customer_a)
        new_b = corrections.filtered(lambda statement: statement.partner_id == self.customer_b)
        self.assertEqual(new_a.closing_balance, 1390.0)
        self.assertEqual((statement_a.state, statement_a.replaced_by_id, statement_a.is_current),
                         ("replaced", new_a, False))
        self.assertEqual(statement_a.closing_balance, 1350.0, "the replaced statement keeps its figures")
        self.assertEqual((statement_b.state, statement_b.replaced_by_id), ("confirmed", new_b),
                         "a confirmed statement stays confirmed and unchanged")
        self.assertEqual(statement_b.closing_balance, 700.0)
        self.assertEqual(len(statement_b.line_ids), 1)
        self.assertTrue(new_a.is_current and new_b.is_current)

    def test_a_changed_entry_or_an_emptied_month_is_corrected_too(self):
        statement_a, statement_b = (self._generate().sorted(lambda s: s.partner_id != self.customer_a))
        # Invoice 1 moves from the 4th to the 8th of the month: the totals and the count stay, the entries do not.
        self.invoice_1.button_draft()
        self.invoice_1.write({"invoice_date": self.month + relativedelta(days=7),
                              "date": self.month + relativedelta(days=7)})
        self.invoice_1.action_post()
        [corrected] = self._generate()
        self.assertEqual(corrected.partner_id, self.customer_a)
        self.assertEqual((corrected.invoiced_amount, corrected.line_count), (750.0, 4))
        self.assertEqual(statement_a.replaced_by_id, corrected)
        self.assertIn(self.month + relativedelta(days=7), corrected.line_ids.mapped("date"))
        self.assertFalse(self._generate(), "unchanged since: nothing new")
        # B's only invoice goes back to draft: B's month is empty, and its statement is replaced by an empty one.
        self._sent(statement_b).with_user(self.portal_b).action_dealer_confirm()
        self.invoice_b.button_draft()
        [emptied] = self._generate()
        self.assertEqual(emptied.partner_id, self.customer_b)
        self.assertEqual((emptied.invoiced_amount, emptied.closing_balance, emptied.line_count), (0.0, 0.0, 0))
        self.assertEqual((statement_b.state, statement_b.replaced_by_id), ("confirmed", emptied))
        self.assertFalse(self._generate(), "an empty month stated once")

    def test_sending_mails_the_pdf_to_the_dealers_portal_users(self):
        statements = self._generate()
        self.env["dealer.statement"]._dealer_send_batch()
        self.assertEqual(set(statements.mapped("state")), {"draft"}, "generated without sending: they wait")
        statements.with_user(self.user_back_office)._dealer_queue_sending()
        self.env["dealer.statement"]._dealer_send_batch()
        statement_a = statements.filtered(lambda statement: statement.partner_id == self.customer_a)
        self.assertEqual(set(statements.mapped("state")), {"sent"})
        self.assertFalse(any(statements.mapped("to_send")))
        self.assertTrue(statement_a.sent_date)
        message = statement_a.message_ids.filtered(lambda message: message.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.portal_a.partner_id)
        self.assertNotIn(self.portal_a.partner_id, statement_a.message_partner_ids,
                         "recipients of the day, not followers: a contact who leaves the dealer gets nothing more")
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn(self.customer_a.name, message.attachment_ids.name)
        self.assertIn("1,350.00", str(message.body))
        # "Please send last month's statement again".
        self._sent(statement_a)
        self.assertEqual(len(statement_a.message_ids.filtered(lambda message: message.message_type == "comment")), 2)
        self.assertEqual(statement_a.state, "sent")

    def test_pdf_is_in_the_dealers_language(self):
        self.env.ref("base.lang_zh_CN").active = True
        self.env["ir.module.module"]._load_module_terms(["dealer_crm_portal"], ["zh_CN"], overwrite=True)
        self.customer_a.lang = "zh_CN"
        statement = self._generate(self.customer_a)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_crm_portal.dealer_statement_report_action", statement.ids)[0].decode()
        self.assertIn("对账单", html)
        self.assertIn("期初余额", html)
        self.assertIn(self.invoice_1.name, html)

    def test_dealer_confirms_and_the_statement_is_fixed(self):
        statement = self._sent(self._generate(self.customer_a))
        statement.with_user(self.portal_a).action_dealer_confirm()
        self.assertEqual((statement.state, statement.answered_by_id), ("confirmed", self.portal_a))
        with self.assertRaises(UserError):
            statement.with_user(self.portal_a).action_dealer_confirm()
        with self.assertRaises(UserError):
            statement.with_user(self.portal_a).action_dealer_dispute("金额不对")
        self._sent(statement)
        self.assertEqual(statement.state, "confirmed", "sent again, a confirmed statement stays confirmed")

    def test_dispute_becomes_an_activity_for_the_back_office(self):
        statement = self._sent(self._generate(self.customer_a))
        with self.assertRaises(UserError):
            statement.with_user(self.portal_a).action_dealer_dispute("   ")
        with self.assertRaises(ValidationError):
            statement.with_user(self.portal_a).action_dealer_dispute("错" * 10_000_000)
        self.assertEqual(statement.state, "sent")
        statement.with_user(self.portal_a).action_dealer_dispute("3月5日的回款300元未入账")
        self.assertEqual((statement.state, statement.dispute_comment), ("disputed", "3月5日的回款300元未入账"))
        activity = statement.activity_ids
        self.assertEqual(activity.user_id, self.user_back_office)
        self.assertEqual(activity.activity_type_id,
                         self.env.ref("dealer_crm_portal.mail_activity_type_dealer_statement_dispute"))
        # Explained, the dealer confirms after all: the activity is done.
        statement.with_user(self.portal_a).action_dealer_confirm()
        self.assertEqual(statement.state, "confirmed")
        self.assertFalse(statement.activity_ids)


@tagged("post_install", "-at_install")
class TestDealerStatementRules(DealerStatementCommon):
    """The attacker's side: over RPC, nobody writes a statement but its
    actions, and nobody answers another dealer's."""

    def test_nobody_writes_a_statement(self):
        statement = self._sent(self._generate(self.customer_a))
        for user in (self.user_back_office, self.user_manager, self.user_admin, self.user_salesperson, self.portal_a):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    statement.with_user(user).write({"closing_balance": 0.0})
                with self.assertRaises(AccessError):
                    statement.with_user(user).write({"state": "confirmed"})
                with self.assertRaises(AccessError):
                    statement.line_ids[:1].with_user(user).write({"debit": 0.0})
                with self.assertRaises(AccessError):
                    self.env["dealer.statement"].with_user(user).create({
                        "partner_id": self.customer_a.id, "date_from": self.month, "date_to": self.month,
                    })
                with self.assertRaises(AccessError):
                    statement.with_user(user).unlink()
        self.assertEqual((statement.state, statement.closing_balance, statement.line_count), ("sent", 1350.0, 4))

    def test_a_month_is_stated_once_it_is_over(self):
        this_month = self.user_back_office._dealer_local_today()
        for month in (this_month, this_month + relativedelta(months=2)):
            with self.assertRaises(UserError):
                self.env["dealer.statement"].with_user(self.user_back_office)._dealer_generate(
                    month, self.env.company)
        self.assertFalse(self.env["dealer.statement"].search([]))

    def test_the_statement_has_no_token_and_its_page_takes_no_message(self):
        statement = self._sent(self._generate(self.customer_a))
        self.assertNotIn("access_token", statement._fields, "no link opens a statement without a login")
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        page = self.url_open(f"/my/dealer/statements/{statement.id}?error=请向账户123付款").text
        self.assertNotIn("请向账户123付款", page)
        with self.assertRaises(AccessError, msg="reading is not posting"):
            statement.with_user(self.portal_a).message_post(body="已付清", message_type="comment")

    def test_only_the_back_office_generates_and_sends(self):
        for user in (self.user_salesperson, self.user_manager, self.portal_a):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self._generate(user=user)
                with self.assertRaises(AccessError):
                    self.env["dealer.statement.generate"].with_user(user).create({"month": self.month})
        statement = self._generate(self.customer_a)
        with self.assertRaises(AccessError):
            statement.with_user(self.user_salesperson).action_dealer_send()
        self.assertEqual(statement.state, "draft")
        wizard = self.env["dealer.statement.generate"].with_user(self.user_back_office).create({
            "month": self.month + relativedelta(days=10), "partner_ids": [Command.set(self.customer_b.ids)],
        })
        action = wizard.action_generate()
        generated = self.env["dealer.statement"].search(action["domain"])
        self.assertEqual(generated.partner_id, self.customer_b)
        self.assertEqual(generated.date_from, self.month)

    def test_nobody_answers_for_another_dealer(self):
        statement = self._sent(self._generate(self.customer_a))
        for user in (self.portal_b, self.user_back_office, self.user_salesperson):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    statement.with_user(user).action_dealer_confirm()
                with self.assertRaises(AccessError):
                    statement.with_user(user).action_dealer_dispute("不对")
        self.assertEqual(statement.state, "sent")
        self.assertFalse(self.env["dealer.statement"].with_user(self.portal_b).search([]))
        with self.assertRaises(AccessError):
            statement.with_user(self.portal_b).read(["closing_balance"])
        self.assertFalse(self.env["dealer.statement.line"].with_user(self.portal_b).search([]))

    def test_who_reads_which_statement(self):
        statements = self._generate()
        statement_a = statements.filtered(lambda statement: statement.partner_id == self.customer_a)
        Statement = self.env["dealer.statement"]
        self.assertFalse(Statement.with_user(self.portal_a).search([]), "not before it is sent")
        self._sent(statements)
        self.assertEqual(Statement.with_user(self.portal_a).search([]), statement_a)
        self.assertEqual(Statement.with_user(self.user_salesperson).search([]), statement_a)
        self.assertEqual(Statement.with_user(self.user_back_office).search([]), statements)
        self.assertEqual(self.env["dealer.statement.line"].with_user(self.portal_a).search([]),
                         statement_a.line_ids)

    def test_portal_routes_are_the_dealers_own(self):
        statements = self._sent(self._generate())
        statement_a = statements.filtered(lambda statement: statement.partner_id == self.customer_a)
        statement_b = statements.filtered(lambda statement: statement.partner_id == self.customer_b)
        self.authenticate("dealer_a_portal", "dealer_a_portal")
        page = self.url_open("/my/dealer").text
        self.assertIn(statement_a.name, page)
        self.assertNotIn(statement_b.name, page)
        response = self.url_open(f"/my/dealer/statements/{statement_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("1,350.00", response.text)
        self.assertIn(self.invoice_2.name, response.text)
        self.env.invalidate_all()
        self.assertEqual(statement_a.state, "viewed")
        self.assertTrue(statement_a.viewed_date)
        pdf = self.url_open(f"/my/dealer/statements/{statement_a.id}/pdf")
        self.assertEqual(pdf.status_code, 200)
        with mute_logger("odoo.http"):
            for url in (f"/my/dealer/statements/{statement_b.id}", f"/my/dealer/statements/{statement_b.id}/pdf",
                        "/my/dealer/statements/999999"):
                self.assertEqual(self.url_open(url).status_code, 404, url)
            for url in (f"/my/dealer/statements/{statement_b.id}/confirm",
                        f"/my/dealer/statements/{statement_b.id}/dispute"):
                response = self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), "comment": "x"})
                self.assertEqual(response.status_code, 404, url)
        self.env.invalidate_all()
        self.assertEqual(statement_b.state, "sent")
        response = self.url_open(f"/my/dealer/statements/{statement_a.id}/dispute",
                                 data={"csrf_token": http.Request.csrf_token(self), "comment": ""})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_portal_statement_error", response.text)
        self.env.invalidate_all()
        self.assertEqual(statement_a.state, "viewed")
        response = self.url_open(f"/my/dealer/statements/{statement_a.id}/confirm",
                                 data={"csrf_token": http.Request.csrf_token(self)})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_dealer_portal_statement_error", response.text)
        self.env.invalidate_all()
        self.assertEqual(statement_a.state, "confirmed")
        self.assertEqual(statement_a.answered_by_id, self.portal_a)


@tagged("post_install", "-at_install")
class TestDealerStatementUiMobile(DealerStatementCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_dealer_confirms_a_statement_on_a_phone(self):
        statement = self._sent(self._generate(self.customer_a))
        self.start_tour("/my/dealer", "dealer_crm_portal_statement_mobile", login="dealer_a_portal")
        self.env.invalidate_all()
        self.assertEqual((statement.state, statement.answered_by_id), ("confirmed", self.portal_a))
        self.assertTrue(statement.viewed_date)
