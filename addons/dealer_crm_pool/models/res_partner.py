import itertools
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.dealer_crm.tools.guard import check_governed

# What a pool hiding contact details hides from salespeople until claimed.
POOL_HIDDEN_FIELDS = (
    "phone", "email", "street", "street2", "phone_sanitized", "email_normalized", "email_formatted",
    "contact_address", "contact_address_inline",
)
# Display contexts that put hidden details into a partner's name.
POOL_HIDDEN_DISPLAY_CONTEXT = ("show_email", "show_address", "formatted_display_name")
# What only the public pool's actions write on a customer.
POOL_GOVERNED_FIELDS = frozenset({
    "pool_id", "in_pool", "dealer_protected_until", "dealer_recycle_date", "dealer_recycle_reason",
})
# The ownership log's columns of a recycling (``_dealer_recycle``).
RECYCLE_LOG_COLUMNS = ["partner_id", "pool_id", "from_user_id", "to_user_id", "action", "reason"]


class ResPartner(models.Model):
    _inherit = "res.partner"

    pool_id = fields.Many2one(
        "dealer.pool", string="Public Pool", index="btree_not_null", copy=False, readonly=True,
        help="The public pool holding this customer, which then has no owner.",
    )
    in_pool = fields.Boolean(string="In a Public Pool", compute="_compute_in_pool", store=True)
    dealer_protected_until = fields.Datetime(
        string="Protected Until", copy=False, readonly=True,
        help="Claimed customers are not recycled before this date.",
    )
    dealer_recycle_date = fields.Date(
        string="Enters the Pool On", compute="_compute_dealer_recycle",
        help="When the pool's recycle rules take the customer from its owner, unless the clock restarts first.",
    )
    dealer_recycle_reason = fields.Char(string="Recycle Rule", compute="_compute_dealer_recycle")
    # A claim counts the claimant's customers against their cap (res.users._dealer_check_customer_cap): an
    # index-only scan of this one, instead of a heap visit per customer the salesperson owns.
    _dealer_owned_customers_index = models.Index("(user_id) WHERE is_dealer AND is_company AND active")

    @api.depends("pool_id")
    def _compute_in_pool(self):
        for partner in self:
            partner.in_pool = bool(partner.pool_id)

    def _compute_dealer_recycle(self):
        saved_ids = [partner_id for partner_id in self.ids if isinstance(partner_id, int)]
        rows = {
            row["partner_id"]: row for row in self.env["dealer.pool.forecast"]._rows(partner_ids=saved_ids)
        } if saved_ids else {}
        for partner in self:
            row = rows.get(partner.id)
            partner.dealer_recycle_date = row and row["recycle_date"]
            partner.dealer_recycle_reason = row and self.env["dealer.pool.rule"].browse(row["rule_id"])._reason(
                row["days"],
            )

    # ------------------------------------------------------------------
    # What only the pool's actions write
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_check_pool_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_pool_fields(vals)
        return super().write(vals)

    def _dealer_check_pool_fields(self, vals):
        check_governed(self, vals, POOL_GOVERNED_FIELDS, self.env._(
            "A customer enters or leaves a public pool only by being claimed, assigned, released, transferred or "
            "recycled.",
        ))

    def _dealer_check_new_partners(self):
        """Nor may a plain ``create`` make a customer already in a pool or
        protected, or, for a salesperson, a contact of a pool customer."""
        if self.filtered(lambda partner: partner.pool_id or partner.dealer_protected_until):
            self._dealer_check_pool_fields(POOL_GOVERNED_FIELDS)
        if not self.env.user._is_dealer_manager():
            for partner in self.filtered(lambda partner: partner.is_dealer and partner.parent_id):
                if partner.commercial_partner_id.pool_id:
                    raise AccessError(self.env._(
                        "%(customer)s is in the public pool: claim it before adding contacts.",
                        customer=partner.commercial_partner_id.name,
                    ))
        return super()._dealer_check_new_partners()

    def _dealer_check_direct_write(self, vals):
        """Salespeople change no customer sitting in a public pool: they claim it first."""
        if not self.env.user._is_dealer_manager():
            pooled = self.commercial_partner_id.filtered("pool_id")
            if pooled:
                raise AccessError(self.env._(
                    "%(customer)s is in the public pool: claim it before changing it.", customer=pooled[0].name,
                ))
        return super()._dealer_check_direct_write(vals)

    def _dealer_awaiting_claim(self):
        return self.filtered("pool_id")

    def _dealer_unowned_open_to(self, user):
        return self.filtered(lambda customer: not customer.pool_id or customer.pool_id._is_member(user))

    # ------------------------------------------------------------------
    # Public pool: claim, assign, release, transfer
    # ------------------------------------------------------------------

    def action_pool_claim(self):
        """The current user takes these customers from their pool (or
        unowned ones outside any pool), within the pools' daily limits, the
        reclaim cooldown and the user's customer cap."""
        user = self.env.user
        try:
            customers = self._dealer_locked_customers()
        except AccessError:
            # Whoever got there first hides the customer from this user now (as any customer not
            # open to them): they learn that it is gone, not whose it became.
            raise UserError(self.env._(
                "Someone has just claimed this customer, or it is not waiting in a pool open to you: refresh the list.",
            )) from None
        taken = customers.sudo().filtered("user_id")
        if taken:
            raise UserError(self.env._("%(customer)s already belongs to %(owner)s.",
                              customer=taken[0].name, owner=taken[0].user_id.name))
        for pool, pool_customers in customers.grouped("pool_id").items():
            if pool:
                pool._check_claim(user, pool_customers)
        user._dealer_check_customer_cap(len(customers))
        now = fields.Datetime.now()
        for pool, pool_customers in customers.grouped("pool_id").items():
            pool_customers._dealer_change_owner(user, "claim", values={"dealer_protected_until": (
                now + timedelta(days=pool.claim_protection_days) if pool.claim_protection_days else False
            )})
        return True

    def action_pool_assign(self, user_id):
        """A manager gives these customers to a salesperson, over the caps if need be."""
        user = self._dealer_browse_arg("res.users", user_id)
        if not user or user.share:
            raise UserError(self.env._("Choose an internal user to assign the customers to."))
        customers = self._dealer_locked_customers()
        self._dealer_check_manages(customers)
        customers._dealer_change_owner(user, "assign")
        return True

    def action_pool_release(self, pool_id, reason):
        """The owner (or a manager) puts these customers back into a pool."""
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("Say why the customers go back to the pool."))
        pool = self._dealer_browse_arg("dealer.pool", pool_id)
        if not pool:
            raise UserError(self.env._("Choose an active public pool."))
        customers = self._dealer_locked_customers()
        user = self.env.user
        if not user._is_dealer_manager():
            foreign = customers.filtered(lambda customer: customer.user_id != user)
            if foreign:
                raise AccessError(self.env._("Only the owner or a manager can release %(customer)s.",
                                    customer=foreign[0].name))
        customers._dealer_change_owner(self.env["res.users"], "release", reason=reason.strip(),
                                       values={"pool_id": pool.id})
        return True

    def action_pool_transfer(self, user_id):
        """A manager hands these customers to another salesperson, with their
        contacts, open quotations, follow-up activities and future events."""
        user = self._dealer_browse_arg("res.users", user_id)
        if not user or user.share:
            raise UserError(self.env._("Choose an internal user to transfer the customers to."))
        customers = self._dealer_locked_customers()
        self._dealer_check_manages(customers)
        customers._dealer_change_owner(user, "transfer")
        return True

    def _dealer_check_manages(self, customers):
        user = self.env.user
        if user._is_dealer_manager():
            return
        pools = customers.pool_id
        if not pools or len(customers.filtered("pool_id")) != len(customers) \
                or not all(pool._is_manager(user) for pool in pools):
            raise AccessError(self.env._("Only a manager can assign or transfer customers."))

    # ------------------------------------------------------------------
    # Changes of owner: the pool's side
    # ------------------------------------------------------------------

    def _dealer_change_owner(self, user, action, reason=False, values=None, recycled=None):
        """A change of owner also takes the customers out of their pool and
        ends their protection, unless ``values`` says otherwise (a release
        puts them into a pool, a claim protects them). ``action ==
        "recycle"``: ``recycled`` is ``[(customer id, pool id, reason)]``,
        and the change is one SQL statement for thousands of customers."""
        if action == "recycle":
            self._dealer_recycle(recycled)
            self._dealer_owner_changed()
            return
        if action != "create":
            values = {"pool_id": False, "dealer_protected_until": False, **(values or {})}
        super()._dealer_change_owner(user, action, reason=reason, values=values)

    def _dealer_owner_log_rows(self, user, action, reason, values):
        """Each row names the pool the customer enters or leaves."""
        rows = super()._dealer_owner_log_rows(user, action, reason, values)
        for row, customer in zip(rows, self):
            row["pool_id"] = values.get("pool_id") or customer.pool_id.id
        return rows

    @api.model
    def _dealer_recycle(self, recycled):
        """Recycle ``recycled`` (``[(customer id, pool id, reason)]``): owner
        cleared on the customers and their contacts, pool set, a log row
        each, in one statement."""
        now = fields.Datetime.now()
        ids, pools, reasons = zip(*recycled)
        self.env.cr.execute(SQL(
            """
            WITH due AS (
                SELECT * FROM unnest(%(ids)s::int[], %(pools)s::int[], %(reasons)s::text[]) AS due(id, pool_id, reason)
            ), moved AS (
                UPDATE res_partner p
                   SET user_id = NULL, pool_id = due.pool_id, in_pool = TRUE, dealer_owner_since = NULL,
                       dealer_protected_until = NULL, write_uid = %(uid)s, write_date = %(now)s
                  FROM due, res_partner previous
                 WHERE p.id = due.id AND previous.id = due.id
             RETURNING p.id AS partner_id, due.pool_id, previous.user_id AS from_user_id, NULL::int AS to_user_id,
                       'recycle' AS action, due.reason
            ), contacts AS (
                UPDATE res_partner c
                   SET user_id = NULL, write_uid = %(uid)s, write_date = %(now)s
                  FROM due
                 WHERE c.parent_id = due.id AND NOT c.is_company AND c.user_id IS NOT NULL
            )
            %(log)s
            """,
            ids=list(ids), pools=list(pools), reasons=list(reasons), uid=self.env.uid, now=now,
            log=self._dealer_sql_log(SQL("SELECT * FROM moved"), RECYCLE_LOG_COLUMNS, now),
        ))
        self.invalidate_model()
        self.env["dealer.owner.log"].invalidate_model()

    # ------------------------------------------------------------------
    # Public pool: contact details hidden until claimed
    # ------------------------------------------------------------------

    @api.model
    def _dealer_hidden_pool_ids(self):
        """The pools whose customers' contact details the current user may
        not see: the pools hiding them, unless the user manages Dealer CRM
        or the pool. Asked of the real user even under ``sudo()``, since
        what is hidden is decided per user."""
        user = self.env.user
        hiding = self.env["dealer.pool"]._hiding_pool_ids()
        if not hiding or user._is_dealer_manager():
            return ()
        return tuple(sorted(
            pool.id for pool in self.env["dealer.pool"].sudo().browse(hiding) if not pool._is_manager(user)
        ))

    def _dealer_hidden_contact_ids(self, ignore_sudo=False):
        """The ids of ``self`` (new records included) whose contact details
        the current user may not see: customers of pools hiding them, and
        their contacts."""
        if not self._ids or (self.env.su and not ignore_sudo):
            return set()
        hidden_pool_ids = self._dealer_hidden_pool_ids()
        if not hidden_pool_ids:
            return set()
        return {
            partner.id for partner in self.sudo()
            if (partner.commercial_partner_id or partner.parent_id.commercial_partner_id).pool_id.id in hidden_pool_ids
        }

    @api.model
    def _dealer_blank_hidden(self, records, values_list, fnames, partner_field="partner_id"):
        """Blank ``fnames`` in ``values_list`` (the result of ``records``'
        ``_read_format``) where the partner of ``partner_field`` hides its
        details from the current user, also when read under ``sudo()``."""
        partners = records.sudo()[partner_field]
        hidden_ids = partners._dealer_hidden_contact_ids(ignore_sudo=True) if fnames else set()
        if not hidden_ids:
            return values_list
        hidden_records = {record.id for record in records.sudo() if record[partner_field].id in hidden_ids}
        for values in values_list:
            if values["id"] in hidden_records:
                values.update(dict.fromkeys(fnames, False))
        return values_list

    def _field_to_sql(self, alias, field_expr, query=None):
        """Hidden details are NULL in every SQL a user's request builds on
        them — domains, ordering, grouping, aggregates, through any path —
        so that no search or group answers what a read would not show.
        Only the fetch that fills the cache reads the real column (the
        values are then blanked by :meth:`_read_format`)."""
        sql = super()._field_to_sql(alias, field_expr, query)
        if field_expr.split(".", 1)[0] not in POOL_HIDDEN_FIELDS or self.env.su \
                or getattr(query, "_dealer_fetching", False):
            return sql
        hidden_pool_ids = self._dealer_hidden_pool_ids()
        if not hidden_pool_ids:
            return sql
        return SQL(
            "CASE WHEN %s IN (SELECT id FROM res_partner WHERE pool_id IN %s) THEN NULL ELSE %s END",
            super()._field_to_sql(alias, "commercial_partner_id", query),
            SQL("%s", hidden_pool_ids, to_flush=self._fields["pool_id"]),
            sql,
        )

    def _fetch_query(self, query, fields):
        query._dealer_fetching = True
        return super()._fetch_query(query, fields)

    def _search_phone_mobile_search(self, operator, value):
        """Odoo's phone search reads the columns in raw SQL: hidden
        customers never match it."""
        domain = super()._search_phone_mobile_search(operator, value)
        hidden_pool_ids = () if self.env.su else self._dealer_hidden_pool_ids()
        if not hidden_pool_ids:
            return domain
        return domain & Domain("commercial_partner_id", "not any!", [("pool_id", "in", hidden_pool_ids)])

    def _read_format(self, fnames, load="_classic_read"):
        """Hidden details read as empty, also when Odoo reads them under
        ``sudo()`` on the user's behalf (chatter followers, onchange of a
        new contact)."""
        result = super()._read_format(fnames, load)
        hidden_fields = [fname for fname in fnames if fname in POOL_HIDDEN_FIELDS]
        if hidden_fields:
            read = self.browse([values["id"] for values in result])
            hidden_ids = read._dealer_hidden_contact_ids(ignore_sudo=True)
            for values in result:
                if values["id"] in hidden_ids:
                    values.update(dict.fromkeys(hidden_fields, False))
        return result

    @api.depends_context("uid")
    def _compute_display_name(self):
        """Names shown with an email or an address (``show_email``,
        ``show_address`` …) leave them out for hidden customers, even when
        read through another record under ``sudo()``."""
        hidden_ids = set()
        if any(self.env.context.get(key) for key in POOL_HIDDEN_DISPLAY_CONTEXT):
            hidden_ids = self._dealer_hidden_contact_ids(ignore_sudo=True)
        hidden = self.browse([partner_id for partner_id in self._ids if partner_id in hidden_ids])
        super(ResPartner, self - hidden)._compute_display_name()
        if hidden:
            plain = hidden.with_context(dict.fromkeys(POOL_HIDDEN_DISPLAY_CONTEXT, False))
            super(ResPartner, plain)._compute_display_name()
            for partner, plain_partner in zip(hidden, plain):
                partner.display_name = plain_partner.display_name

    def _build_vcard(self):
        """The vCard of a hidden customer has its name only."""
        vcard = super()._build_vcard()
        if vcard and self._dealer_hidden_contact_ids(ignore_sudo=True):
            for key in ("adr", "email", "tel"):
                if key in vcard.contents:
                    del vcard.contents[key]
        return vcard

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        if not self._dealer_hidden_contact_ids(ignore_sudo=True):
            return tracking_values
        return tracking_values.filtered(lambda tracking: tracking.field_id.name not in POOL_HIDDEN_FIELDS)

    def copy_data(self, default=None):
        """A copy of a hidden customer does not carry its hidden details
        into a record the user can read."""
        vals_list = super().copy_data(default)
        hidden_ids = self._dealer_hidden_contact_ids()
        for partner, vals in zip(self, vals_list):
            if partner.id in hidden_ids:
                vals.update({fname: False for fname in POOL_HIDDEN_FIELDS if fname in vals})
        return vals_list

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exports, of partners or of records pointing to them, leave the
        hidden details empty; rows keep the records' order."""
        hidden_columns = [index for index, path in enumerate(fields) if path and path[0] in POOL_HIDDEN_FIELDS]
        hidden_ids = self._dealer_hidden_contact_ids() if hidden_columns else set()
        if not hidden_ids:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        rows = []
        for hidden, run in itertools.groupby(self, key=lambda partner: partner.id in hidden_ids):
            run_rows = super(ResPartner, self.browse([partner.id for partner in run]))._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call,
            )
            if hidden:
                for row in run_rows:
                    for index in hidden_columns:
                        row[index] = ""
            rows += run_rows
        return rows
