import hashlib

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_compare, plaintext2html

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, marked_by_action

# Statements sent (their PDF rendered and mailed) per step of the sending job.
SEND_BATCH = 20
# Characters of a dealer's dispute comment.
MAX_DISPUTE_LENGTH = 2000
# How each receivable entry counts on a statement.
ENTRY_KINDS = [
    ("invoice", "Invoice"),
    ("refund", "Credit Note"),
    ("payment", "Payment"),
    ("other", "Other Entry"),
]


class DealerStatement(models.Model):
    """A dealer's statement of account (对账单) for one month in one company.

    Its figures and entries are a snapshot of the posted receivable move
    lines of the dealer and its contacts, in the company currency, taken
    when it was generated: opening balance (everything before the month),
    the month's invoices, credit notes, payments and other entries, and the
    closing balance. The back office generates and sends it; the dealer
    confirms it or disputes it in the portal. Nothing on it is written but
    by its actions, and a confirmed statement never changes: a correction
    is a new statement that replaces the month's current one."""

    _name = "dealer.statement"
    _description = "Dealer Statement of Account"
    # Not portal.mixin: its access token would open the statement's chatter
    # and PDF to whoever holds a link, for good; the portal routes check the
    # dealer's user instead.
    _inherit = ["dealer.value.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, partner_id, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, readonly=True, index=True,
                                 ondelete="restrict", domain=[("is_dealer", "=", True), ("is_company", "=", True)])
    company_id = fields.Many2one("res.company", string="Company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    user_id = fields.Many2one("res.users", string="Back Office Contact", readonly=True, tracking=True,
                              help="Who generated the statement: the dealer's dispute goes to them.")
    salesperson_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    period = fields.Char(string="Month", compute="_compute_period")
    access_url = fields.Char(string="Portal URL", compute="_compute_access_url",
                             help="The statement's page in the dealer's portal.")
    opening_balance = fields.Monetary(string="Opening Balance", readonly=True)
    invoiced_amount = fields.Monetary(string="Invoices", readonly=True)
    refunded_amount = fields.Monetary(string="Credit Notes", readonly=True)
    paid_amount = fields.Monetary(string="Payments", readonly=True)
    other_amount = fields.Monetary(string="Other Entries", readonly=True,
                                   help="Receivable entries that are neither invoices, credit notes nor "
                                        "payments (write-offs, adjustments), with their sign.")
    closing_balance = fields.Monetary(string="Closing Balance", readonly=True)
    line_ids = fields.One2many("dealer.statement.line", "statement_id", string="Entries", readonly=True)
    line_count = fields.Integer(string="Entries Count", readonly=True)
    entries_checksum = fields.Char(string="Entries Checksum", readonly=True, copy=False,
                                   help="A digest of the month's entries (line, date, amount, type): generating "
                                        "the month again replaces the statement when it differs, though the "
                                        "totals agree.")
    state = fields.Selection([
        ("draft", "To Send"),
        ("sent", "Sent"),
        ("viewed", "Viewed"),
        ("confirmed", "Confirmed"),
        ("disputed", "Disputed"),
        ("replaced", "Replaced"),
    ], string="Status", required=True, readonly=True, default="draft", tracking=True, index=True,
        help="Replaced: a later statement of the same month, with corrected figures, took its place "
             "before the dealer confirmed it.")
    is_current = fields.Boolean(string="Current", readonly=True, default=True,
                                help="The month's statement in force: not replaced by a later one.")
    replaced_by_id = fields.Many2one("dealer.statement", string="Replaced By", readonly=True, index="btree_not_null",
                                     help="The later statement of the same month, with corrected figures.")
    to_send = fields.Boolean(string="Queued to Send", readonly=True, copy=False,
                             help="The sending job sends it next; statements generated without sending wait "
                                  "for Send Now.")
    sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False)
    viewed_date = fields.Datetime(string="Viewed On", readonly=True, copy=False)
    answered_date = fields.Datetime(string="Answered On", readonly=True, copy=False,
                                    help="When the dealer confirmed or disputed the statement.")
    answered_by_id = fields.Many2one("res.users", string="Answered By", readonly=True, copy=False)
    dispute_comment = fields.Text(string="Dispute", readonly=True, copy=False)

    _current_month_unique = models.UniqueIndex(
        "(partner_id, company_id, date_from) WHERE is_current",
        "A dealer has one current statement per month and company; a correction replaces it.")
    _dates_check = models.Constraint(
        "CHECK (date_from <= date_to)", "A statement's period cannot end before it starts.")

    _dealer_value_lengths = {"dispute_comment": MAX_DISPUTE_LENGTH}

    @api.depends("date_from")
    def _compute_period(self):
        for statement in self:
            statement.period = statement.date_from.strftime("%Y-%m") if statement.date_from else False

    def _compute_access_url(self):
        for statement in self:
            statement.access_url = f"/my/dealer/statements/{statement.id}"

    @api.depends("name", "partner_id", "period")
    def _compute_display_name(self):
        for statement in self:
            statement.display_name = self.env._(
                "%(reference)s · %(dealer)s · %(month)s",
                reference=statement.name, dealer=statement.partner_id.name, month=statement.period)

    # ------------------------------------------------------------------
    # Only actions write
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not marked_by_action(self):
            raise AccessError(self.env._(
                "Statements are generated by the back office from the accounting entries, not created by hand."))
        return super().create(vals_list)

    def write(self, vals):
        check_governed(self, vals, set(self._fields) - set(models.MAGIC_COLUMNS), self.env._(
            "A statement is written only by its actions (generate, send, confirm, dispute): "
            "its figures come from the accounting entries."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("Statements are kept: a correction is a new statement."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Generating
    # ------------------------------------------------------------------

    @api.model
    def _dealer_check_back_office(self):
        if not (self.env.su or self.env.user.has_group("dealer_crm.group_dealer_back_office")
                or self.env.user.has_group("dealer_crm.group_dealer_admin")):
            raise AccessError(self.env._("Only the back office generates and sends statements."))

    @api.model
    def _dealer_generate(self, month, company, dealers=None):
        """Generate the statements of ``month`` (any day of it) in
        ``company`` for ``dealers`` (every active dealer when None) that
        had a balance or an entry: new statements, to send. A dealer whose
        current statement of that month still holds the same figures and
        entries gets none; one whose figures changed gets a new statement
        that replaces it (a confirmed one stays confirmed). Set-based: one
        query for the figures, one insert for all the entries."""
        self._dealer_check_back_office()
        date_from = month.replace(day=1)
        date_to = date_from + relativedelta(months=1, days=-1)
        if date_to >= self.env.user._dealer_local_today():
            raise UserError(self.env._("%(month)s is not over yet: its statements come once it is.",
                                       month=date_from.strftime("%Y-%m")))
        if dealers is None:
            dealers = self.env["res.partner"].sudo().search([
                ("is_dealer", "=", True), ("is_company", "=", True), ("company_id", "in", (company.id, False)),
            ])
        dealers = dealers.commercial_partner_id.filtered(lambda dealer: dealer.is_dealer and dealer.is_company)
        if not dealers:
            return self.browse()
        self.env.flush_all()
        figures = self._dealer_figures(dealers.ids, company, date_from, date_to)
        current = self.sudo().search([
            ("partner_id", "in", dealers.ids), ("company_id", "=", company.id), ("date_from", "=", date_from),
            ("is_current", "=", True),
        ])
        current_by_dealer = {statement.partner_id.id: statement for statement in current}
        # A dealer whose month's entries are all gone (reset to draft, deleted) has its statement replaced
        # by an empty one, not left standing.
        emptied = dict.fromkeys(set(current_by_dealer) - set(figures), self._dealer_no_figures())
        vals_list = []
        for dealer_id, values in {**figures, **emptied}.items():
            previous = current_by_dealer.get(dealer_id)
            if previous and previous._dealer_same_figures(values):
                continue
            vals_list.append({
                **values, "partner_id": dealer_id, "company_id": company.id, "date_from": date_from,
                "date_to": date_to, "user_id": self.env.user.id,
                "name": self.env["ir.sequence"].sudo().with_company(company).next_by_code("dealer.statement") or "/",
            })
        if not vals_list:
            return self.browse()
        changed_dealer_ids = {vals["partner_id"] for vals in vals_list}
        replaced = current.filtered(lambda statement: statement.partner_id.id in changed_dealer_ids)
        # The month's current statement steps aside before its successor exists (one current a month).
        as_action(replaced.sudo()).write({"is_current": False})
        replaced.flush_recordset(["is_current"])
        statements = as_action(self.sudo()).with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True).create(vals_list)
        statements.flush_recordset()
        self._dealer_insert_lines(statements, company, date_from, date_to)
        by_dealer = {statement.partner_id.id: statement for statement in statements}
        for previous in replaced:
            successor = by_dealer[previous.partner_id.id]
            as_action(previous.sudo()).write({
                "replaced_by_id": successor.id,
                "state": previous.state if previous.state == "confirmed" else "replaced",
            })
            previous.sudo().message_post(body=self.env._(
                "Replaced by %(statement)s: the accounting entries of the month changed.",
                statement=successor.name))
        return statements.with_env(self.env)

    @api.model
    def _dealer_entries_query(self, dealer_ids, company, date_to):
        """The posted receivable move lines of ``dealer_ids`` (commercial
        partners) up to ``date_to``, with the dealer, the kind and the
        signed amount in the company currency. A payment is an entry of a
        payment, of a bank statement line or of a bank or cash journal."""
        return SQL("""
            SELECT partner.commercial_partner_id AS dealer_id, line.id, line.date, line.date_maturity,
                   line.move_id, line.name AS line_name, line.balance,
                   CASE WHEN move.move_type IN ('out_invoice', 'out_receipt') THEN 'invoice'
                        WHEN move.move_type = 'out_refund' THEN 'refund'
                        WHEN line.payment_id IS NOT NULL OR line.statement_line_id IS NOT NULL
                          OR journal.type IN ('bank', 'cash') THEN 'payment'
                        ELSE 'other' END AS kind
              FROM account_move_line line
              JOIN account_account account ON account.id = line.account_id
              JOIN account_move move ON move.id = line.move_id
              JOIN account_journal journal ON journal.id = line.journal_id
              JOIN res_partner partner ON partner.id = line.partner_id
             WHERE account.account_type = 'asset_receivable' AND line.parent_state = 'posted'
               AND line.company_id = %(company)s AND line.date <= %(date_to)s
               AND partner.commercial_partner_id = ANY(%(dealers)s)
        """, company=company.id, date_to=date_to, dealers=list(dealer_ids))

    @api.model
    def _dealer_figures(self, dealer_ids, company, date_from, date_to):
        """{dealer id: the statement's figures} for the dealers with a
        balance before the month or an entry in it."""
        rows = self.env.execute_query(SQL("""
            SELECT entries.dealer_id,
                   COALESCE(SUM(balance) FILTER (WHERE date < %(date_from)s), 0),
                   COALESCE(SUM(balance) FILTER (WHERE date >= %(date_from)s AND kind = 'invoice'), 0),
                   COALESCE(-SUM(balance) FILTER (WHERE date >= %(date_from)s AND kind = 'refund'), 0),
                   COALESCE(-SUM(balance) FILTER (WHERE date >= %(date_from)s AND kind = 'payment'), 0),
                   COALESCE(SUM(balance) FILTER (WHERE date >= %(date_from)s AND kind = 'other'), 0),
                   COALESCE(SUM(balance), 0),
                   COUNT(*) FILTER (WHERE date >= %(date_from)s),
                   md5(COALESCE(string_agg(concat_ws(':', id, date, balance, kind), ',' ORDER BY id)
                                FILTER (WHERE date >= %(date_from)s), ''))
              FROM (%(entries)s) entries
          GROUP BY entries.dealer_id
        """, date_from=date_from, entries=self._dealer_entries_query(dealer_ids, company, date_to)))
        currency = company.currency_id
        figures = {}
        for dealer_id, opening, invoiced, refunded, paid, other, closing, count, checksum in rows:
            if currency.is_zero(opening) and not count:
                continue
            figures[dealer_id] = {
                "opening_balance": opening, "invoiced_amount": invoiced, "refunded_amount": refunded,
                "paid_amount": paid, "other_amount": other, "closing_balance": closing, "line_count": count,
                "entries_checksum": checksum,
            }
        return figures

    @api.model
    def _dealer_no_figures(self):
        """The figures of a month without balance nor entries."""
        return {
            "opening_balance": 0.0, "invoiced_amount": 0.0, "refunded_amount": 0.0, "paid_amount": 0.0,
            "other_amount": 0.0, "closing_balance": 0.0, "line_count": 0,
            "entries_checksum": hashlib.md5(b"").hexdigest(),
        }

    def _dealer_same_figures(self, values):
        """Whether this statement holds ``values``' figures and entries: the
        same totals, count and, where it has one, entries checksum."""
        self.ensure_one()
        rounding = self.currency_id.rounding
        if self.entries_checksum and self.entries_checksum != values["entries_checksum"]:
            return False
        return self.line_count == values["line_count"] and all(
            float_compare(self[name], values[name], precision_rounding=rounding) == 0
            for name in ("opening_balance", "invoiced_amount", "refunded_amount", "paid_amount", "other_amount",
                         "closing_balance"))

    @api.model
    def _dealer_insert_lines(self, statements, company, date_from, date_to):
        """Copy the month's entries onto ``statements`` in one insert, in
        date order, each with the balance after it."""
        if not statements:
            return
        self.env.cr.execute(SQL("""
            INSERT INTO dealer_statement_line (statement_id, sequence, date, date_maturity, move_id, move_name,
                                               label, kind, debit, credit, balance,
                                               create_uid, create_date, write_uid, write_date)
            SELECT statement.id,
                   ROW_NUMBER() OVER entries,
                   entries.date, entries.date_maturity, entries.move_id, move.name,
                   LEFT(COALESCE(NULLIF(move.ref, ''), entries.line_name, ''), 256), entries.kind,
                   GREATEST(entries.balance, 0), GREATEST(-entries.balance, 0),
                   statement.opening_balance + SUM(entries.balance) OVER entries,
                   %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
              FROM (%(entries)s) entries
              JOIN account_move move ON move.id = entries.move_id
              JOIN dealer_statement statement ON statement.partner_id = entries.dealer_id
                                             AND statement.id = ANY(%(statements)s)
             WHERE entries.date >= %(date_from)s
            WINDOW entries AS (PARTITION BY statement.id ORDER BY entries.date, move.name, entries.id
                               ROWS UNBOUNDED PRECEDING)
        """, uid=self.env.uid, date_from=date_from, statements=statements.ids,
            entries=self._dealer_entries_query(statements.partner_id.ids, company, date_to)))
        self.env["dealer.statement.line"].invalidate_model()
        statements.invalidate_recordset(["line_ids"])

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def action_dealer_send(self):
        """Send the statements again now (a dealer asked for last month's
        again), or queue those still to send."""
        self._dealer_check_back_office()
        if self.filtered(lambda statement: statement.state == "replaced"):
            raise UserError(self.env._("A replaced statement is not sent: send the statement that replaced it."))
        # Two clicks at once send once: the second waits for nothing and is told to retry.
        self.sudo().lock_for_update()
        self._dealer_send()
        return True

    def _dealer_queue_sending(self):
        """Have the sending job send these statements, soon."""
        self._dealer_check_back_office()
        as_action(self.sudo()).write({"to_send": True})
        self.env.ref("dealer_crm_portal.ir_cron_dealer_statement_send").sudo()._trigger()

    @api.model
    def _cron_send(self):
        """Send the statements to send, a batch per commit."""
        while sent := self._dealer_send_batch():
            remaining = self.sudo().search_count([("state", "=", "draft"), ("to_send", "=", True)])
            if self.env["ir.cron"]._commit_progress(sent, remaining=remaining) <= 0 or not remaining:
                return

    @api.model
    def _dealer_send_batch(self, limit=SEND_BATCH):
        """Send the oldest statements queued to send that no other job is
        sending: how many were sent."""
        batch = self.sudo().search([("state", "=", "draft"), ("to_send", "=", True)], order="id",
                                   limit=limit).try_lock_for_update()
        batch._dealer_send()
        return len(batch)

    def _dealer_recipients(self):
        """Who receives the statement: the dealer's contacts with a portal
        login, else the dealer itself."""
        self.ensure_one()
        users = self.env["res.users"].sudo().search([
            ("partner_id.commercial_partner_id", "=", self.partner_id.id), ("share", "=", True),
        ])
        return users.partner_id or self.partner_id

    def _dealer_send(self):
        """Post each statement to its dealer: the message with the PDF in
        the dealer's language, by mail to the recipients of the day (not
        made followers: a contact who leaves the dealer gets nothing more),
        who find it in the portal."""
        report = self.env.ref("dealer_crm_portal.dealer_statement_report_action").sudo()
        now = fields.Datetime.now()
        for statement in self.sudo():
            lang = statement.partner_id.lang or self.env.lang
            localized = statement.with_context(lang=lang)
            pdf, _kind = report.with_context(lang=lang)._render_qweb_pdf(report.report_name, statement.ids)
            attachment = self.env["ir.attachment"].sudo().create({
                "name": localized._dealer_pdf_name(),
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": statement._name,
                "res_id": statement.id,
            })
            recipients = statement._dealer_recipients()
            localized.message_post_with_source(
                "dealer_crm_portal.dealer_statement_message",
                subject=localized.env._("Statement of account %(month)s: %(company)s",
                                        month=statement.period, company=statement.company_id.name),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=recipients.ids,
                attachment_ids=attachment.ids,
            )
            values = {"sent_date": now, "to_send": False}
            if statement.state == "draft":
                values["state"] = "sent"
            as_action(statement).write(values)

    def _dealer_pdf_name(self):
        self.ensure_one()
        return self.env._("Statement %(month)s %(dealer)s.pdf", month=self.period, dealer=self.partner_id.name)

    # ------------------------------------------------------------------
    # The dealer's answer
    # ------------------------------------------------------------------

    def _dealer_check_own(self):
        """Only the dealer's own portal users answer for it: the back
        office does not confirm in the dealer's name."""
        for statement in self:
            if not self.env.user._is_portal() or self.env.user.partner_id.commercial_partner_id != statement.partner_id:
                raise AccessError(self.env._("Only %(dealer)s answers its statements.",
                                             dealer=statement.partner_id.name))
            if statement.state not in ("sent", "viewed", "disputed"):
                raise UserError(self.env._(
                    "%(statement)s is %(state)s: it can no longer be confirmed or disputed.",
                    statement=statement.name,
                    state=dict(statement._fields["state"]._description_selection(self.env))[statement.state]))

    def _dealer_mark_viewed(self):
        """The dealer opened the statement: sent becomes viewed."""
        self.ensure_one()
        if self.state == "sent" and self.env.user.partner_id.commercial_partner_id == self.partner_id:
            as_action(self.sudo()).write({"state": "viewed", "viewed_date": fields.Datetime.now()})

    def action_dealer_confirm(self):
        """The dealer agrees with the statement; it is fixed from now on."""
        self._dealer_check_own()
        for statement in self.sudo():
            as_action(statement).write({
                "state": "confirmed", "answered_date": fields.Datetime.now(), "answered_by_id": self.env.uid,
            })
            statement.message_post(body=self.env._("Confirmed by %(user)s.", user=self.env.user.name),
                                   author_id=self.env.user.partner_id.id)
            statement.activity_ids.filtered(
                lambda activity: activity.activity_type_id == self.env.ref(
                    "dealer_crm_portal.mail_activity_type_dealer_statement_dispute")).action_done()
        return True

    def action_dealer_dispute(self, comment):
        """The dealer disagrees, saying why: the back office gets an activity."""
        comment = (comment or "").strip() if isinstance(comment, str) else ""
        if not comment:
            raise UserError(self.env._("Say what is wrong with the statement."))
        self._dealer_check_values({"dispute_comment": comment})
        self._dealer_check_own()
        activity_type = self.env.ref("dealer_crm_portal.mail_activity_type_dealer_statement_dispute")
        for statement in self.sudo():
            as_action(statement).write({
                "state": "disputed", "dispute_comment": comment, "answered_date": fields.Datetime.now(),
                "answered_by_id": self.env.uid,
            })
            statement.message_post(body=self.env._("Disputed by %(user)s: %(comment)s",
                                                   user=self.env.user.name, comment=comment),
                                   author_id=self.env.user.partner_id.id)
            statement.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=statement.user_id.id or statement.partner_id.user_id.id or self.env.ref("base.user_admin").id,
                note=plaintext2html(comment))
        return True
