from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# A token is taken for expired this long before WeCom says it expires.
EXPIRY_MARGIN = timedelta(minutes=5)


class DealerWecomToken(models.Model):
    """Short-lived values of a company's WeCom app, kept where every worker
    finds them: the access token and the JS-SDK ticket (2 hours), OAuth
    codes already used, one-time login keys."""

    _name = "dealer.wecom.token"
    _description = "WeCom Token"
    _log_access = False

    company_id = fields.Many2one("res.company", string="Company", required=True, ondelete="cascade")
    kind = fields.Char(string="Kind", required=True)
    value = fields.Char(string="Value", required=True)
    expires_at = fields.Datetime(string="Expires At", required=True, index=True)

    _kind_unique = models.Constraint("UNIQUE (company_id, kind)", "One value of a kind per company.")

    @api.model
    def _get(self, company, kind):
        self.env.cr.execute(SQL(
            "SELECT value FROM dealer_wecom_token WHERE company_id = %s AND kind = %s AND expires_at > %s",
            company.id, kind, fields.Datetime.now(),
        ))
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def _put(self, company, kind, value, expires_in):
        expires_at = fields.Datetime.now() + timedelta(seconds=expires_in) - EXPIRY_MARGIN
        self.env.cr.execute(SQL("""
            INSERT INTO dealer_wecom_token (company_id, kind, value, expires_at) VALUES (%s, %s, %s, %s)
            ON CONFLICT (company_id, kind) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
        """, company.id, kind, value, expires_at))

    @api.model
    def _add_once(self, company, kind, value, expires_in):
        """Record ``kind`` (a key of its own, a code say) once: whether it was new."""
        self.env.cr.execute(SQL("DELETE FROM dealer_wecom_token WHERE expires_at <= %s", fields.Datetime.now()))
        self.env.cr.execute(SQL("""
            INSERT INTO dealer_wecom_token (company_id, kind, value, expires_at) VALUES (%s, %s, %s, %s)
            ON CONFLICT (company_id, kind) DO NOTHING RETURNING id
        """, company.id, kind, value, fields.Datetime.now() + timedelta(seconds=expires_in)))
        return bool(self.env.cr.fetchone())

    @api.model
    def _take(self, kind):
        """Remove and give the unexpired value of ``kind`` (any company), once."""
        self.env.cr.execute(SQL(
            "DELETE FROM dealer_wecom_token WHERE kind = %s AND expires_at > %s RETURNING value",
            kind, fields.Datetime.now(),
        ))
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def _drop(self, company, kind):
        self.env.cr.execute(SQL("DELETE FROM dealer_wecom_token WHERE company_id = %s AND kind = %s", company.id, kind))

    @api.model
    def _cache_for(self, company):
        return _TokenCache(self.sudo(), company)


class _TokenCache:
    """The cache a ``WeComClient`` keeps its tokens in: the company's rows."""

    def __init__(self, tokens, company):
        self.tokens, self.company = tokens, company

    def get(self, kind):
        return self.tokens._get(self.company, kind)

    def put(self, kind, value, expires_in):
        self.tokens._put(self.company, kind, value, expires_in)

    def drop(self, kind):
        self.tokens._drop(self.company, kind)
