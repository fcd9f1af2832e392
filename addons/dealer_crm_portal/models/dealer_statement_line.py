from odoo import fields, models

from .dealer_statement import ENTRY_KINDS


class DealerStatementLine(models.Model):
    """One receivable entry of a statement, copied from its move line when
    the statement was generated, with the balance after it. The copy is
    what the dealer confirmed: a later change to the accounting does not
    change it."""

    _name = "dealer.statement.line"
    _description = "Dealer Statement Entry"
    _order = "statement_id, sequence"

    statement_id = fields.Many2one("dealer.statement", string="Statement", required=True, readonly=True,
                                   index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="statement_id.currency_id", string="Currency")
    sequence = fields.Integer(string="Sequence", readonly=True)
    date = fields.Date(string="Date", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, ondelete="set null",
                              groups="account.group_account_invoice")
    move_name = fields.Char(string="Number", readonly=True)
    label = fields.Char(string="Reference", readonly=True)
    kind = fields.Selection(ENTRY_KINDS, string="Type", readonly=True)
    debit = fields.Monetary(string="Debit", readonly=True)
    credit = fields.Monetary(string="Credit", readonly=True)
    balance = fields.Monetary(string="Balance", readonly=True, help="The dealer's balance after this entry.")

