from odoo import fields, models
from odoo.exceptions import AccessError

from ..tools.api import WeComApiError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_wecom_corp_id = fields.Char(related="company_id.dealer_wecom_corp_id", readonly=False)
    dealer_wecom_agent_id = fields.Char(related="company_id.dealer_wecom_agent_id", readonly=False)
    dealer_wecom_secret = fields.Char(related="company_id.dealer_wecom_secret", readonly=False)
    dealer_wecom_token = fields.Char(related="company_id.dealer_wecom_token", readonly=False)
    dealer_wecom_aes_key = fields.Char(related="company_id.dealer_wecom_aes_key", readonly=False)
    dealer_wecom_aes_key_previous = fields.Char(related="company_id.dealer_wecom_aes_key_previous", readonly=False)
    dealer_wecom_api_url = fields.Char(related="company_id.dealer_wecom_api_url", readonly=False)
    dealer_wecom_push = fields.Boolean(related="company_id.dealer_wecom_push", readonly=False)
    dealer_wecom_callback_url = fields.Char(string="Callback URL", compute="_compute_dealer_wecom_urls")
    dealer_wecom_home_url = fields.Char(string="App Home URL", compute="_compute_dealer_wecom_urls")

    def _compute_dealer_wecom_urls(self):
        for settings in self:
            base_url = settings.get_base_url()
            settings.dealer_wecom_callback_url = f"{base_url}/dealer_crm/wecom/callback/{settings.company_id.id}"
            settings.dealer_wecom_home_url = f"{base_url}/dealer_crm/wecom/login/{settings.company_id.id}"

    def _dealer_wecom_check_admin(self):
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only administrators configure WeCom."))

    def _dealer_notification(self, message, kind):
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"message": message, "type": kind, "sticky": kind != "success"}}

    def action_dealer_wecom_test(self):
        """Get an access token and say what WeCom answered."""
        self._dealer_wecom_check_admin()
        self.execute()
        company = self.company_id
        try:
            company._dealer_wecom_client().get_token(refresh=True)
        except WeComApiError as error:
            return self._dealer_notification(company._dealer_wecom_error_text(error), "danger")
        return self._dealer_notification(self.env._("WeCom answered 0 (ok): the app's CorpID and Secret work."),
                                         "success")

    def action_dealer_wecom_match(self):
        """Link the app's members to users; say who is left."""
        self._dealer_wecom_check_admin()
        self.execute()
        try:
            linked, unmatched = self.env["res.users"]._dealer_wecom_match_members(self.company_id)
        except WeComApiError as error:
            return self._dealer_notification(self.company_id._dealer_wecom_error_text(error), "danger")
        message = self.env._("%(count)s users linked to their WeCom accounts.", count=len(linked))
        if unmatched:
            message += " " + self.env._("Not matched: %(names)s", names=", ".join(unmatched))
        return self._dealer_notification(message, "warning" if unmatched else "success")
