from odoo import api, fields, models
from odoo.tools import SQL


class DealerVisitSpan(models.Model):
    """A stretch of local days on which a customer counts as visited within
    its frequency: from a visit's day to the day its next visit falls due,
    stretches that meet merged into one. A customer is covered on a day when
    one of its spans holds the day.

    Kept by ``_refresh`` whenever what the customer's next visit due date is
    computed from changes (its check-ins, its frequency, its owner's time
    zone), so that the coverage report joins a few spans a customer instead
    of looking up its check-ins for every period."""

    _name = "dealer.visit.span"
    _description = "Visited Span of a Customer"
    _log_access = False
    _order = "partner_id, date_from"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade",
                                 readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)

    @api.model
    def _refresh(self, frequencies=None):
        """Rebuild, set-based, the spans of the customers of ``frequencies``
        ({customer id: (days between visits, owner's time zone)}), or of all
        the customers from what is stored when it is None."""
        if frequencies is not None and not frequencies:
            return
        self.env["dealer.checkin"].flush_model(["partner_id", "checkin_time"])
        if frequencies is None:
            self.env["res.partner"].flush_model(["dealer_visit_days", "user_id", "tz"])
            self.env["res.users"].flush_model(["partner_id"])
        self._refresh_sql(frequencies)
        self.invalidate_model()

    @api.model
    def _refresh_sql(self, frequencies=None):
        if frequencies is None:
            customers = SQL(
                """SELECT customer.id AS partner_id, customer.dealer_visit_days AS days,
                          COALESCE(zone.tz, 'Asia/Shanghai') AS tz
                     FROM res_partner customer
                LEFT JOIN res_users owner ON owner.id = customer.user_id
                LEFT JOIN res_partner zone ON zone.id = owner.partner_id
                    WHERE customer.dealer_visit_days > 0""")
            self.env.execute_query(SQL("DELETE FROM dealer_visit_span"))
        else:
            ids = list(frequencies)
            customers = SQL(
                "SELECT * FROM unnest(%s::integer[], %s::integer[], %s::varchar[]) AS customer(partner_id, days, tz)",
                ids, [days for days, _tz in frequencies.values()],
                [tz or "Asia/Shanghai" for _days, tz in frequencies.values()],
            )
            self.env.execute_query(SQL("DELETE FROM dealer_visit_span WHERE partner_id = ANY(%s)", ids))
        self.env.execute_query(SQL(
            """
            INSERT INTO dealer_visit_span (partner_id, date_from, date_to)
            SELECT partner_id, MIN(day), MAX(day) + days
              FROM (SELECT partner_id, day, days, SUM(opens) OVER (PARTITION BY partner_id ORDER BY day) AS stretch
                      FROM (SELECT partner_id, day, days,
                                   COALESCE((day - LAG(day) OVER (PARTITION BY partner_id ORDER BY day)
                                             > days + 1)::integer, 1) AS opens
                              FROM (SELECT DISTINCT customer.partner_id, customer.days,
                                           (checkin.checkin_time AT TIME ZONE 'UTC' AT TIME ZONE customer.tz)::date AS day
                                      FROM (%s) customer
                                      JOIN dealer_checkin checkin ON checkin.partner_id = customer.partner_id
                                     WHERE customer.days > 0) visit) gap) stretch
             GROUP BY partner_id, stretch, days
            """,
            customers,
        ))

    def init(self):
        """Spans for the check-ins made before this model existed."""
        super().init()
        self.env.cr.execute("SELECT 1 FROM dealer_visit_span LIMIT 1")
        if not self.env.cr.fetchone():
            self._refresh_sql()
