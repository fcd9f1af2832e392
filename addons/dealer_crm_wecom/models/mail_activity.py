from html import unescape

from odoo import api, models
from odoo.tools import html2plaintext


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._dealer_wecom_push()
        return activities

    def _dealer_wecom_pushed(self):
        """The activities of Dealer CRM whose users take their reminders in WeCom."""
        candidates = self.sudo().filtered(lambda activity: activity.user_id.dealer_wecom_userid
                                          and activity.user_id.dealer_wecom_push
                                          and activity.user_id.company_id.dealer_wecom_push)
        if not candidates:
            return candidates
        dealer_types = set(self.env["ir.model.data"].sudo().search([
            ("model", "=", "mail.activity.type"), ("module", "=like", "dealer\\_crm%"),
        ]).mapped("res_id"))
        dealer_customers = set(self.env["res.partner"].sudo().search([
            ("id", "in", candidates.filtered(lambda activity: activity.res_model == "res.partner").mapped("res_id")),
            ("is_dealer", "=", True),
        ]).ids)
        return candidates.filtered(lambda activity: (
            activity.activity_type_id.id in dealer_types or (activity.res_model or "").startswith("dealer.")
            or (activity.res_model == "res.partner" and activity.res_id in dealer_customers)
        ))

    def _dealer_wecom_push(self):
        outbox = self.env["dealer.wecom.outbox"]
        for activity in self._dealer_wecom_pushed():
            user = activity.user_id
            activity = activity.with_context(lang=user.lang or "zh_CN")
            title = activity.summary or activity.activity_type_id.name or activity.env._("Reminder")
            lines = [activity.res_name or ""]
            if activity.date_deadline:
                lines.append(activity.env._("Due: %(date)s", date=activity.date_deadline.isoformat()))
            note = unescape(html2plaintext(activity.note or "")).strip()
            if note:
                lines.append(note)
            outbox._dealer_queue(
                user.company_id, user.dealer_wecom_userid, user, "\n".join(filter(None, lines)), title=title,
                url=f"{activity.get_base_url()}/odoo/{activity.res_model}/{activity.res_id}", activity=activity,
            )
