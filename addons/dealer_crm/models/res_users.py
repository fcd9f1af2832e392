from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

DEALER_SCOPE_FIELDS = ["dealer_led_team_ids", "dealer_managed_user_ids", "dealer_managed_region_ids"]


class ResUsers(models.Model):
    _inherit = "res.users"

    # The manager scopes the record rules refer to ("of the teams they lead",
    # "of the regions they manage"), computed once per user. Rules are cached
    # per user: whatever changes a scope clears that cache
    # (``_dealer_scopes_changed``).
    dealer_led_team_ids = fields.Many2many(
        "crm.team", string="Sales Teams Led", compute="_compute_dealer_scopes", compute_sudo=True,
    )
    dealer_managed_user_ids = fields.Many2many(
        "res.users", string="Salespeople Managed", compute="_compute_dealer_scopes", compute_sudo=True,
        help="The users whose sales team the user leads.",
    )
    dealer_managed_region_ids = fields.Many2many(
        "dealer.region", string="Regions Managed", compute="_compute_dealer_scopes", compute_sudo=True,
        help="The regions the user manages, with their sub-regions.",
    )

    def _compute_dealer_scopes(self):
        Teams = self.env["crm.team"].with_context(active_test=False)
        Users = self.with_context(active_test=False)
        Regions = self.env["dealer.region"].with_context(active_test=False)
        for user in self:
            user.dealer_led_team_ids = Teams.search([("user_id", "=", user.id)])
            user.dealer_managed_user_ids = Users.search([("sale_team_id.user_id", "=", user.id)])
            user.dealer_managed_region_ids = Regions.search([("manager_user_ids", "in", user.id)])

    def _dealer_scopes_changed(self):
        """A team's leader or members, or a region's managers, changed: the
        scopes and the record rules computed from them are computed again."""
        self.env["res.users"].invalidate_model(DEALER_SCOPE_FIELDS)
        self.env.registry.clear_cache()

    def _is_dealer_manager(self):
        """Whether the user manages Dealer CRM salespeople: managers edit what
        salespeople may no longer change (older follow-ups, check-ins)."""
        self.ensure_one()
        return self.has_group("dealer_crm.group_dealer_manager")

    def _is_dealer_admin(self):
        self.ensure_one()
        return self.has_group("dealer_crm.group_dealer_admin")

    def _dealer_home_action(self):
        """The page the user lands on when they chose no home action of their
        own (``action_id``, which always wins): the customers, for salespeople
        and the back office; none for users outside Dealer CRM, who keep
        Odoo's first app. dealer_crm_field sends salespeople to My Day,
        dealer_crm_sale the back office to the Order Desk, and
        dealer_crm_reports managers to the dashboard.

        :return: an action record, or an empty recordset
        """
        self.ensure_one()
        if self.has_group("dealer_crm.group_dealer_salesperson") \
                or self.has_group("dealer_crm.group_dealer_back_office"):
            return self.env.ref("dealer_crm.res_partner_action_dealer")
        return self.env["ir.actions.actions"]

    def _dealer_manager(self):
        """Who the user reports to: the leader of their sales team, else the
        manager of the region where most of their customers are."""
        self.ensure_one()
        leader = self.sale_team_id.user_id
        if leader and leader != self:
            return leader
        regions = self.env["res.partner"].sudo()._read_group(
            [("user_id", "=", self.id), ("is_dealer", "=", True), ("is_company", "=", True),
             ("dealer_region_id", "!=", False)],
            ["dealer_region_id"], ["__count"], order="__count desc", limit=1,
        )
        region = regions[0][0] if regions else self.env["dealer.region"]
        while region and (not region.manager_id or region.manager_id == self):
            region = region.parent_id
        return region.manager_id

    def _dealer_timezone(self):
        self.ensure_one()
        return pytz.timezone(self.tz or "Asia/Shanghai")

    def _dealer_local_today(self):
        """Today in the user's time zone: a salesperson's day is Shanghai's, not UTC's."""
        return datetime.now(self._dealer_timezone()).date()

    def _dealer_to_utc(self, local):
        """The naive UTC datetime (as stored) of ``local``, a naive wall-clock time of the user's."""
        return self._dealer_timezone().localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _dealer_from_utc(self, moment):
        """The user's wall-clock time (aware) of ``moment``, a stored naive UTC datetime."""
        return pytz.utc.localize(moment).astimezone(self._dealer_timezone())

    def _dealer_local_day_bounds(self, day=None):
        """The UTC start and end (naive, as stored) of the user's local ``day``, today by default."""
        day = day or self._dealer_local_today()
        return (
            self._dealer_to_utc(datetime.combine(day, time.min)),
            self._dealer_to_utc(datetime.combine(day + timedelta(days=1), time.min)),
        )
