from odoo import models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_dealer_grant_portal(self):
        """Odoo's portal wizard, opened on the customer's key contacts."""
        self.ensure_one()
        self.check_access("write")
        contacts = self.child_ids.filtered(lambda contact: contact.dealer_is_key_contact and contact.active)
        if not contacts:
            raise UserError(self.env._(
                "%(customer)s has no key contact: mark the contacts who may use the portal as key contacts first.",
                customer=self.name))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Portal Access: %(customer)s", customer=self.name),
            "res_model": "portal.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_ids": contacts.ids},
        }

    def _dealer_portal_agreements(self):
        """The dealer's agreements the portal shows, as the current user
        may read them (the record rules keep a portal user to their own):
        those in force first, then the past ones."""
        self.ensure_one()
        agreements = self.env["dealer.agreement"].search([
            ("partner_id", "=", self.id), ("state", "in", ("active", "expired", "terminated")),
        ])
        return agreements.sorted(lambda agreement: (agreement.state != "active", agreement.date_start))

    def _dealer_portal_credit(self, agreement):
        """The dealer's credit as the order desk's check sees it: the
        agreement's limit, the open receivable balance, what is still
        available (None without a limit) and the overdue invoices, each
        with its days overdue, the oldest first."""
        self.ensure_one()
        company = agreement.company_id or self.env.company
        dealer = self.sudo().with_company(company)
        today = self.env.user._dealer_local_today()
        limit = agreement.sudo().credit_limit
        overdue = self.env["account.move"].sudo().search([
            ("commercial_partner_id", "=", self.id), ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"), ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")), ("invoice_date_due", "<", today),
        ], order="invoice_date_due, id")
        return {
            "currency": company.currency_id,
            "limit": limit,
            "balance": dealer.credit,
            "available": limit - dealer.credit if limit else None,
            "overdue": [(invoice, (today - invoice.invoice_date_due).days) for invoice in overdue],
            "overdue_amount": sum(overdue.mapped("amount_residual")),
        }
