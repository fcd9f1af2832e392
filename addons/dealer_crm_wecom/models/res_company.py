from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import crypto
from ..tools.api import DEFAULT_API_URL, WeComApiError, WeComClient

SECRET_GROUPS = "base.group_system"


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_wecom_corp_id = fields.Char(string="WeCom CorpID", groups=SECRET_GROUPS)
    dealer_wecom_agent_id = fields.Char(string="WeCom AgentId", groups=SECRET_GROUPS)
    dealer_wecom_secret = fields.Char(string="WeCom Secret", groups=SECRET_GROUPS)
    dealer_wecom_token = fields.Char(string="WeCom Callback Token", groups=SECRET_GROUPS)
    dealer_wecom_aes_key = fields.Char(string="WeCom EncodingAESKey", groups=SECRET_GROUPS)
    dealer_wecom_aes_key_previous = fields.Char(
        string="Previous EncodingAESKey", groups=SECRET_GROUPS,
        help="While WeCom still sends with the key it replaced, callbacks are decrypted with this one too.",
    )
    dealer_wecom_api_url = fields.Char(string="WeCom API URL", groups=SECRET_GROUPS, default=DEFAULT_API_URL)
    dealer_wecom_push = fields.Boolean(
        string="Push Reminders to WeCom", default=True, groups=SECRET_GROUPS,
        help="Send each Dealer CRM activity to its user in WeCom as well.",
    )

    @api.constrains("dealer_wecom_aes_key", "dealer_wecom_aes_key_previous")
    def _check_dealer_wecom_aes_key(self):
        for company in self.sudo():
            for key in filter(None, (company.dealer_wecom_aes_key, company.dealer_wecom_aes_key_previous)):
                try:
                    crypto.aes_key(key)
                except crypto.WeComCryptoError:
                    raise ValidationError(self.env._(
                        "An EncodingAESKey is the 43 characters WeCom shows for the app's callback.",
                    )) from None

    @api.constrains("dealer_wecom_api_url")
    def _check_dealer_wecom_api_url(self):
        for company in self.sudo():
            if company.dealer_wecom_api_url and not company.dealer_wecom_api_url.startswith(("https://", "http://")):
                raise ValidationError(self.env._("The WeCom API URL starts with https://."))

    def _dealer_wecom_configured(self):
        """Whether the company can take WeCom's callbacks and call its API."""
        self.ensure_one()
        company = self.sudo()
        return bool(company.dealer_wecom_corp_id and company.dealer_wecom_secret
                    and company.dealer_wecom_token and company.dealer_wecom_aes_key)

    def _dealer_wecom_client(self):
        """A client of WeCom's API for the company's app, its tokens cached in the database."""
        self.ensure_one()
        company = self.sudo()
        if not (company.dealer_wecom_corp_id and company.dealer_wecom_secret):
            raise UserError(self.env._("Enter the WeCom CorpID and Secret first."))
        return WeComClient(
            company.dealer_wecom_corp_id, company.dealer_wecom_secret, company.dealer_wecom_agent_id,
            company.dealer_wecom_api_url, self.env["dealer.wecom.token"]._cache_for(company),
        )

    def _dealer_wecom_decrypt(self, encrypted):
        """The message of an encrypted callback, with the current key, else the previous one."""
        company = self.sudo()
        return crypto.decrypt_with_keys(
            (company.dealer_wecom_aes_key, company.dealer_wecom_aes_key_previous), encrypted,
            company.dealer_wecom_corp_id,
        )

    def _dealer_wecom_error_text(self, error):
        """What an administrator reads of a WeCom API error."""
        if not isinstance(error, WeComApiError) or error.code is None:
            return self.env._("WeCom could not be reached: %(error)s", error=str(error))
        if error.code == 60020:
            return self.env._(
                "WeCom refused the call (60020): add this server's outbound IP address to the app's trusted IPs "
                "(企业可信IP) in WeCom's admin console.",
            )
        return self.env._("WeCom answered %(code)s: %(message)s", code=error.code, message=error.message)
