from datetime import datetime, time, timedelta

import pytz

from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _is_dealer_manager(self):
        """Whether the user manages Dealer CRM salespeople: managers edit what
        salespeople may no longer change (older follow-ups, check-ins)."""
        self.ensure_one()
        return self.has_group("dealer_crm.group_dealer_manager")

    def _dealer_timezone(self):
        self.ensure_one()
        return pytz.timezone(self.tz or "Asia/Shanghai")

    def _dealer_local_today(self):
        """Today in the user's time zone: a salesperson's day is Shanghai's, not UTC's."""
        return datetime.now(self._dealer_timezone()).date()

    def _dealer_local_day_bounds(self, day=None):
        """The UTC start and end (naive, as stored) of the user's local ``day``, today by default."""
        timezone = self._dealer_timezone()
        day = day or self._dealer_local_today()
        start, end = (
            timezone.localize(datetime.combine(moment, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
            for moment in (day, day + timedelta(days=1))
        )
        return start, end
