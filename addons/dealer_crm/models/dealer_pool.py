from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DealerPool(models.Model):
    """A public pool (公海): customers without an owner that its members may
    claim, within the pool's caps. Its scope decides which released
    customers it receives."""

    _name = "dealer.pool"
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
    customer_ids = fields.One2many("res.partner", "pool_id", string="Customers")
    customer_count = fields.Integer(string="Customer Count", compute="_compute_customer_count")

    _name_unique = models.Constraint("UNIQUE (name, company_id)", "Another pool has this name.")
    _limits_positive = models.Constraint(
        "CHECK (daily_claim_limit >= 0 AND reclaim_cooldown_days >= 0)", "Limits cannot be negative.",
    )

    def _compute_customer_count(self):
        counts = dict(self.env["res.partner"]._read_group([("pool_id", "in", self.ids)], ["pool_id"], ["__count"]))
        for pool in self:
            pool.customer_count = counts.get(pool, 0)

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._check_can_close()
        return super().write(vals)

    def unlink(self):
        self._check_can_close()
        return super().unlink()

    def _check_can_close(self):
        """A pool holding customers stays; so does the last active one."""
        holding = self.filtered("customer_count")
        if holding:
            raise UserError(_(
                "The pool “%(name)s” still holds %(count)s customer(s): assign them or move them to another pool "
                "first.", name=holding[0].name, count=holding[0].customer_count,
            ))
        if not self.search_count([("id", "not in", self.ids)]):
            raise UserError(_("At least one active public pool must remain."))

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
            raise UserError(_("You are not a member of the pool “%(pool)s”.", pool=self.name))
        Log = self.env["dealer.pool.log"].sudo()
        if self.reclaim_cooldown_days:
            released = Log.search([
                ("partner_id", "in", customers.ids), ("from_user_id", "=", user.id),
                ("action", "in", ("release", "recycle")),
                ("date", ">", fields.Datetime.now() - timedelta(days=self.reclaim_cooldown_days)),
            ], limit=1)
            if released:
                raise UserError(_(
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
                raise UserError(_(
                    "You may claim %(limit)s customers a day from “%(pool)s” and have claimed %(claimed)s today.",
                    limit=self.daily_claim_limit, pool=self.name, claimed=claimed,
                ))

    @api.model
    def _pool_for(self, customer):
        """The active pool whose scope takes ``customer``: pools with a scope
        before the catch-all ones, then in sequence."""
        matching = self.search([]).filtered(lambda pool: (
            (not pool.region_ids
             or customer.dealer_region_id.filtered_domain([("id", "child_of", pool.region_ids.ids)]))
            and (not pool.channel_ids or customer.dealer_channel_id in pool.channel_ids)
            and (not pool.customer_type_ids or customer.dealer_customer_type_id in pool.customer_type_ids)
        ))
        scoped = matching.filtered(lambda pool: pool.region_ids or pool.channel_ids or pool.customer_type_ids)
        return (scoped or matching)[:1]

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm.res_partner_action_dealer_pool")
        action["domain"] = [("pool_id", "=", self.id)]
        return action
