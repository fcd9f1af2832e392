"""Waking a cron without flooding the cron workers with notifications."""
from odoo import fields
from odoo.tools import SQL


def wake(env, xmlid):
    """Trigger the cron ``xmlid`` now, unless a trigger is already waiting:
    in a burst one wakes it for all (each trigger notifies the database)."""
    cron = env.ref(xmlid).sudo()
    env["ir.cron.trigger"].flush_model()
    env.cr.execute(SQL(
        "SELECT 1 FROM ir_cron_trigger WHERE cron_id = %s AND call_at <= %s LIMIT 1", cron.id, fields.Datetime.now(),
    ))
    if not env.cr.fetchone():
        cron._trigger()
