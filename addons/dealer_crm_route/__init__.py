from odoo.tools import split_every

from . import models
from . import report
from . import wizard


def _dealer_measure_existing_checkins(env):
    """The check-ins made before the addon was installed get their travel,
    position and stay checks too (their photos, stored watermarked, get no
    hash: reuse is looked for among the photos taken from now on)."""
    Checkin = env["dealer.checkin"].with_context(tracking_disable=True)
    for ids in split_every(1000, Checkin.search([], order="checkin_time, id").ids):
        checkins = Checkin.browse(ids)
        checkins._dealer_update_travel()
        checkins._dealer_update_position()
        checkins._dealer_update_stay()
    Checkin._cron_dealer_flag_open_visits()
