import logging
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, html_escape, split_every

_logger = logging.getLogger(__name__)

RECYCLE_BATCH_SIZE = 10000


class DealerPool(models.Model):
    """A public pool (公海): customers without an owner that its members may
    claim, within the pool's caps. Its scope decides which released
    customers it receives."""

    _name = "dealer.pool"
    _inherit = ["dealer.value.mixin"]
    _description = "Public Pool"
    _order = "sequence, id"

    name = fields.Char(string="Name", required=True, translate=True)
    sequence = fields.Integer(string="Sequence", default=10)
    active = fields.Boolean(string="Active", default=True)
    company_id = fields.Many2one("res.company", string="Company", default=lambda self: self.env.company)
    member_user_ids = fields.Many2many(
        "res.users", "dealer_pool_member_user_rel", "pool_id", "user_id", string="Members",
        domain=[("share", "=", False)],
        help="They claim the pool's customers. No members nor member teams: every salesperson.",
    )
    member_team_ids = fields.Many2many(
        "crm.team", "dealer_pool_member_team_rel", "pool_id", "team_id", string="Member Teams",
        help="Every member of these sales teams is a member of the pool.",
    )
    manager_user_ids = fields.Many2many(
        "res.users", "dealer_pool_manager_rel", "pool_id", "user_id", string="Pool Managers",
        domain=[("share", "=", False)], help="They assign the pool's customers, over the caps if need be.",
    )
    region_ids = fields.Many2many("dealer.region", string="Regions", help="Empty: every region. Sub-regions included.")
    channel_ids = fields.Many2many("dealer.channel", string="Channels", help="Empty: every channel.")
    customer_type_ids = fields.Many2many("dealer.customer.type", string="Customer Types", help="Empty: every type.")
    daily_claim_limit = fields.Integer(
        string="Claims per Day", default=10, help="Per member, the member's local day. 0: no limit.",
    )
    reclaim_cooldown_days = fields.Integer(
        string="Reclaim Cooldown (days)", default=30,
        help="Nobody claims back a customer they released or lost to the pool within this many days.",
    )
    claim_protection_days = fields.Integer(
        string="Protection after a Claim (days)", default=7,
        help="A claimed customer stays with its new owner at least this many days, whatever the recycle rules say.",
    )
    rule_ids = fields.One2many("dealer.pool.rule", "pool_id", string="Recycle Rules", context={"active_test": False})
    warning_days = fields.Integer(
        string="Warn Days Before", default=3,
        help="This many days before a customer is recycled, its owner gets an activity saying when and why. 0: no "
             "warning.",
    )
    hide_contact_details = fields.Boolean(
        string="Hide Contact Details",
        help="Phone, email and street of the pool's customers and of their contacts are shown to managers only, "
             "until a salesperson claims the customer.",
    )
    last_recycle_date = fields.Datetime(string="Last Recycling", readonly=True, copy=False)
    customer_ids = fields.One2many("res.partner", "pool_id", string="Customers")
    customer_count = fields.Integer(string="Customer Count", compute="_compute_customer_count")
    recycle_due_count = fields.Integer(string="Due at the Next Run", compute="_compute_recycle_due_count")

    _name_unique = models.Constraint("UNIQUE (name, company_id)", "Another pool has this name.")
    _limits_positive = models.Constraint(
        "CHECK (daily_claim_limit >= 0 AND reclaim_cooldown_days >= 0 AND claim_protection_days >= 0 "
        "AND warning_days >= 0)", "Limits cannot be negative.",
    )

    def _compute_customer_count(self):
        counts = dict(self.env["res.partner"]._read_group([("pool_id", "in", self.ids)], ["pool_id"], ["__count"]))
        for pool in self:
            pool.customer_count = counts.get(pool, 0)

    def _compute_recycle_due_count(self):
        counts = dict(self.env["dealer.pool.forecast"]._read_group(
            [("pool_id", "in", self.ids), ("recycle_at", "<=", self._next_recycle_run())], ["pool_id"], ["__count"],
        )) if self.ids else {}
        for pool in self:
            pool.recycle_due_count = counts.get(pool, 0)

    @api.model
    def _next_recycle_run(self):
        cron = self.env.ref("dealer_crm_pool.ir_cron_dealer_pool_recycle", raise_if_not_found=False)
        return cron.sudo().nextcall if cron and cron.sudo().active else fields.Datetime.now()

    @api.model_create_multi
    def create(self, vals_list):
        """Every pool lists the three rules, off until a manager sets them."""
        pools = super().create(vals_list)
        Rule = self.env["dealer.pool.rule"]
        defaults = {"no_followup": 30, "no_order": 90, "never_won": 60}
        Rule.create([
            {"pool_id": pool.id, "rule_type": rule_type, "days": days, "active": False}
            for pool in pools for rule_type, days in defaults.items()
            if rule_type not in pool.with_context(active_test=False).rule_ids.mapped("rule_type")
        ])
        if any(vals.get("hide_contact_details") for vals in vals_list):
            self.env.registry.clear_cache()
        return pools

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._check_can_close()
        if "hide_contact_details" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self._check_can_close()
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _hiding_pool_ids(self):
        """The pools hiding their customers' contact details: cached, since
        every read of a partner's phone or email asks."""
        return frozenset(self.sudo().with_context(active_test=False).search([("hide_contact_details", "=", True)]).ids)

    def _check_can_close(self):
        """A pool holding customers stays; so does the last active one."""
        holding = self.filtered("customer_count")
        if holding:
            raise UserError(self.env._(
                "The pool “%(name)s” still holds %(count)s customer(s): assign them or move them to another pool "
                "first.", name=holding[0].name, count=holding[0].customer_count,
            ))
        if not self.search_count([("id", "not in", self.ids)]):
            raise UserError(self.env._("At least one active public pool must remain."))

    def _is_member(self, user):
        """Members, member teams' members and managers; every salesperson
        when the pool names no member."""
        self.ensure_one()
        if not (self.member_user_ids or self.member_team_ids):
            return user.has_group("dealer_crm.group_dealer_salesperson")
        return user in self.member_user_ids | self.manager_user_ids | self.member_team_ids.member_ids \
            or user._is_dealer_admin()

    def _is_manager(self, user):
        self.ensure_one()
        return user in self.manager_user_ids or user._is_dealer_admin()

    def _check_claim(self, user, customers):
        """Whether ``user`` may claim ``customers`` from this pool now."""
        self.ensure_one()
        if not self._is_member(user):
            raise UserError(self.env._("You are not a member of the pool “%(pool)s”.", pool=self.name))
        Log = self.env["dealer.owner.log"].sudo()
        if self.reclaim_cooldown_days:
            released = Log.search([
                ("partner_id", "in", customers.ids), ("from_user_id", "=", user.id),
                ("action", "in", ("release", "recycle")),
                ("date", ">", fields.Datetime.now() - timedelta(days=self.reclaim_cooldown_days)),
            ], limit=1)
            if released:
                raise UserError(self.env._(
                    "You gave up %(customer)s on %(date)s: you can claim it back %(days)s days later at the earliest.",
                    customer=released.partner_id.name, date=released.date.date(), days=self.reclaim_cooldown_days,
                ))
        if self.daily_claim_limit:
            start, end = user._dealer_local_day_bounds()
            claimed = Log.search_count([
                ("to_user_id", "=", user.id), ("pool_id", "=", self.id), ("action", "=", "claim"),
                ("date", ">=", start), ("date", "<", end),
            ])
            if claimed + len(customers) > self.daily_claim_limit:
                raise UserError(self.env._(
                    "You may claim %(limit)s customers a day from “%(pool)s” and have claimed %(claimed)s today.",
                    limit=self.daily_claim_limit, pool=self.name, claimed=claimed,
                ))

    @api.model
    def _pool_for(self, customer):
        """The active pool whose scope takes ``customer``: pools with a scope
        before the catch-all ones, then in sequence."""
        self.env.flush_all()
        [[pool_id]] = self.env.execute_query(SQL("SELECT %s", self._sql_pool_for(
            customer.dealer_region_id.id or None, customer.dealer_channel_id.id or None,
            customer.dealer_customer_type_id.id or None, customer.company_id.id or None,
        )))
        return self.browse(pool_id)

    @api.model
    def _sql_pool_for(self, region, channel, customer_type, company):
        """A subquery giving the pool a customer of this region, channel,
        type and company goes to (values or SQL expressions): the one
        :meth:`_pool_for` names, for many customers at once."""
        def in_scope(field_name, value):
            field = self._fields[field_name]
            return SQL(
                "(NOT EXISTS (SELECT 1 FROM %(rel)s WHERE %(rel)s.%(pool_col)s = pool.id) "
                "OR %(value)s IN (SELECT %(rel)s.%(value_col)s FROM %(rel)s WHERE %(rel)s.%(pool_col)s = pool.id))",
                rel=SQL.identifier(field.relation), pool_col=SQL.identifier(field.column1),
                value_col=SQL.identifier(field.column2), value=value,
            )

        def has_scope(field_name):
            field = self._fields[field_name]
            return SQL("EXISTS (SELECT 1 FROM %(rel)s WHERE %(rel)s.%(pool_col)s = pool.id)",
                       rel=SQL.identifier(field.relation), pool_col=SQL.identifier(field.column1))

        regions = self._fields["region_ids"]
        return SQL(
            """(SELECT pool.id FROM dealer_pool pool
                 WHERE pool.active
                   AND (pool.company_id IS NULL OR %(company)s IS NULL OR pool.company_id = %(company)s)
                   AND (NOT EXISTS (SELECT 1 FROM %(region_rel)s WHERE %(region_rel)s.%(pool_col)s = pool.id)
                        OR EXISTS (SELECT 1 FROM %(region_rel)s
                                     JOIN dealer_region scope_region
                                       ON scope_region.id = %(region_rel)s.%(region_col)s
                                     JOIN dealer_region customer_region ON customer_region.id = %(region)s
                                    WHERE %(region_rel)s.%(pool_col)s = pool.id
                                      AND customer_region.parent_path LIKE scope_region.parent_path || '%%'))
                   AND %(channel_in_scope)s AND %(type_in_scope)s
              ORDER BY (%(region_scope)s OR %(channel_scope)s OR %(type_scope)s) DESC, pool.sequence, pool.id
                 LIMIT 1)""",
            company=company, region=region,
            region_rel=SQL.identifier(regions.relation), pool_col=SQL.identifier(regions.column1),
            region_col=SQL.identifier(regions.column2),
            channel_in_scope=in_scope("channel_ids", channel), type_in_scope=in_scope("customer_type_ids", customer_type),
            region_scope=has_scope("region_ids"), channel_scope=has_scope("channel_ids"),
            type_scope=has_scope("customer_type_ids"),
        )

    # ------------------------------------------------------------------
    # Recycling
    # ------------------------------------------------------------------

    @api.model
    def _cron_recycle(self):
        self._recycle(commit=True)

    @api.model
    def _recycle(self, commit=False):
        """Return every due customer to its pool and warn the owners of the
        customers due soon. With ``commit``, each batch commits its progress
        (so the scheduler can stop and resume) and a run that collides with
        another one running at the same moment starts again on fresh data:
        a customer is recycled once and warned once. Returns the number of
        customers recycled and the number of warnings open."""
        for attempt in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                return self._recycle_run(commit)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                if not commit or attempt == MAX_TRIES_ON_CONCURRENCY_FAILURE:
                    raise
                _logger.info("Public pool recycling met a concurrent run; starting again (attempt %s).", attempt)
                self.env.cr.rollback()
                self.env.transaction.clear()

    def _recycle_run(self, commit):
        """One run: the pools' rows are written first, so that a second run
        starting at the same moment waits there and then starts again on
        what this one committed. The forecast of this first transaction
        serves its warnings and first batch as is; later batches, each in
        a transaction of its own, are checked again."""
        now = fields.Datetime.now()
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE dealer_pool SET last_recycle_date = %s WHERE active", now),
                            log_exceptions=False)
        self.invalidate_model(["last_recycle_date"])
        rows = self.env["dealer.pool.forecast"]._rows(now)
        due = [row for row in rows if row["recycle_at"] <= now]
        warnings = self._sync_recycle_warnings([row for row in rows if row["recycle_at"] > now])
        recycled, checked = 0, True
        for batch in split_every(RECYCLE_BATCH_SIZE, due, list):
            recycled += self._recycle_customers(batch, now, checked)
            if commit:
                checked = False
                if not self.env["ir.cron"]._commit_progress(len(batch), remaining=len(due) - recycled):
                    break
        return recycled, warnings

    @api.model
    def _recycle_customers(self, rows, now, checked):
        """Recycle the customers of forecast ``rows`` that are still due, in
        one statement: owner cleared on the customer and its contacts, pool
        set, a log row each, warnings closed. Rows another transaction is
        changing are left to the next run; unless ``checked`` (the rows
        come from this transaction), the rest are checked again."""
        self.env.flush_all()
        # A concurrent run's commit surfaces here as a serialization failure, which _recycle handles.
        self.env.cr.execute(SQL(
            """SELECT id FROM res_partner
                WHERE id = ANY(%s) AND user_id IS NOT NULL AND pool_id IS NULL
             ORDER BY id FOR UPDATE SKIP LOCKED""",
            [row["partner_id"] for row in rows],
        ), log_exceptions=False)
        locked = {customer_id for [customer_id] in self.env.cr.fetchall()}
        if checked:
            rows = [row for row in rows if row["partner_id"] in locked]
        elif locked:
            rows = [row for row in self.env["dealer.pool.forecast"]._rows(now, list(locked))
                    if row["recycle_at"] <= now]
        else:
            rows = []
        if not rows:
            return 0
        reasons = self._recycle_reasons(rows)
        ids = [row["partner_id"] for row in rows]
        self.env["res.partner"].browse(ids)._dealer_change_owner(
            None, "recycle", recycled=list(zip(ids, [row["pool_id"] for row in rows], reasons)),
        )
        # The warnings of the recycled customers are moot.
        self.env.cr.execute(SQL(
            """DELETE FROM mail_activity
                WHERE res_model = 'res.partner' AND res_id = ANY(%s) AND activity_type_id = %s""",
            ids, self._warning_activity_type().id,
        ))
        self.env["mail.activity"].invalidate_model()
        return len(rows)

    @api.model
    def _recycle_reasons(self, rows):
        """Each row's rule in words, in its owner's language."""
        Rule = self.env["dealer.pool.rule"]
        reasons = {}
        for row in rows:
            key = (row["lang"], row["rule_id"], row["days"])
            if key not in reasons:
                reasons[key] = Rule.browse(row["rule_id"]).with_context(lang=row["lang"])._reason(row["days"])
        return [reasons[row["lang"], row["rule_id"], row["days"]] for row in rows]

    @api.model
    def _sync_recycle_warnings(self, rows):
        """Make the open warnings exactly one per customer of forecast
        ``rows`` (due soon), for its owner, saying when and why; the others
        go."""
        now = fields.Datetime.now()
        summaries, notes = {}, {}
        reasons = self._recycle_reasons(rows)
        for row, reason in zip(rows, reasons):
            key = (row["lang"], row["recycle_date"])
            if key not in summaries:
                summaries[key] = self.with_context(lang=row["lang"]).env._(
                    "Enters the public pool on %(date)s", date=row["recycle_date"],
                )
            notes[row["partner_id"]] = "<p>%s</p>" % html_escape(reason)
        warning_type = self._warning_activity_type()
        self.env.cr.execute(SQL(
            """
            WITH warning AS (
                SELECT * FROM unnest(%(ids)s::int[], %(owners)s::int[], %(deadlines)s::date[], %(summaries)s::text[],
                                     %(notes)s::text[])
                    AS warning(res_id, user_id, date_deadline, summary, note)
            ), stale AS (
                DELETE FROM mail_activity a
                 WHERE a.res_model = 'res.partner' AND a.activity_type_id = %(warning_type)s
                   AND NOT EXISTS (SELECT 1 FROM warning WHERE warning.res_id = a.res_id
                                                          AND warning.user_id = a.user_id)
            ), changed AS (
                UPDATE mail_activity a
                   SET date_deadline = warning.date_deadline, summary = warning.summary, note = warning.note,
                       write_uid = %(uid)s, write_date = %(now)s
                  FROM warning
                 WHERE a.res_model = 'res.partner' AND a.activity_type_id = %(warning_type)s
                   AND a.res_id = warning.res_id AND a.user_id = warning.user_id
                   AND (a.date_deadline <> warning.date_deadline OR a.note IS DISTINCT FROM warning.note)
            )
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, summary, note,
                                       date_deadline, user_id, user_tz, automated, active,
                                       create_uid, create_date, write_uid, write_date)
            SELECT %(model_id)s, 'res.partner', warning.res_id, customer.complete_name, %(warning_type)s,
                   warning.summary, warning.note, warning.date_deadline, warning.user_id, owner.tz, TRUE, TRUE,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM warning
              JOIN res_partner customer ON customer.id = warning.res_id
              JOIN res_users u ON u.id = warning.user_id
              JOIN res_partner owner ON owner.id = u.partner_id
             WHERE NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.res_model = 'res.partner' AND a.activity_type_id = %(warning_type)s
                                  AND a.res_id = warning.res_id AND a.user_id = warning.user_id)
            """,
            ids=[row["partner_id"] for row in rows], owners=[row["user_id"] for row in rows],
            deadlines=[row["recycle_date"] - timedelta(days=1) for row in rows],
            summaries=[summaries[row["lang"], row["recycle_date"]] for row in rows],
            notes=[notes[row["partner_id"]] for row in rows],
            warning_type=warning_type.id, model_id=self.env["ir.model"]._get_id("res.partner"),
            uid=self.env.uid, now=now,
        ))
        self.env["mail.activity"].invalidate_model()
        self.env["res.partner"].invalidate_model(["activity_ids"])
        return len(rows)

    @api.model
    def _warning_activity_type(self):
        return self.env.ref("dealer_crm_pool.mail_activity_type_dealer_pool_warning")

    @api.readonly
    def action_preview_recycling(self):
        """Which customers the next run recycles into this pool, and why."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_pool.dealer_pool_forecast_action")
        action["domain"] = [("pool_id", "=", self.id), ("recycle_at", "<=", self._next_recycle_run())]
        action["context"] = {}
        action["display_name"] = self.env._("Next Recycling: %(pool)s", pool=self.name)
        return action

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_pool.res_partner_action_dealer_pool")
        action["domain"] = [("pool_id", "=", self.id)]
        return action
