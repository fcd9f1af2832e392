import logging
import time

from odoo import http
from odoo.http import request

from ..tools.crypto import WeComCryptoError, check_signature
from ..tools.envelope import MAX_BODY, WeComEnvelopeError, read_xml

_logger = logging.getLogger(__name__)

# What a callback reads of its company (not the whole row).
CALLBACK_FIELDS = ["dealer_wecom_corp_id", "dealer_wecom_secret", "dealer_wecom_token", "dealer_wecom_aes_key",
                   "dealer_wecom_aes_key_previous"]
# A callback whose timestamp is further than this from now is a replay.
MAX_CLOCK_SKEW = 300


class WeComCallback(http.Controller):
    """The URL WeCom calls for the company's app: its URL check (GET) and
    the messages members send the app (POST). Messages are stored at once
    and processed in the background, within WeCom's 5-second limit."""

    def _refuse(self, company_id, reason):
        _logger.warning("WeCom callback for company %s refused: %s (from %s)", company_id, reason,
                        request.httprequest.remote_addr)
        return request.make_response("", status=403)

    def _company(self, company_id):
        company = request.env["res.company"].sudo().search_fetch(
            [("id", "=", company_id)], CALLBACK_FIELDS, limit=1,
        )
        return company if company and company._dealer_wecom_configured() else None

    def _check(self, company, params, encrypted):
        try:
            timestamp = int(params.get("timestamp") or "")
        except ValueError:
            raise WeComCryptoError("no timestamp") from None
        if abs(time.time() - timestamp) > MAX_CLOCK_SKEW:
            raise WeComCryptoError("timestamp more than 5 minutes from now")
        check_signature(company.dealer_wecom_token, params.get("timestamp"), params.get("nonce", ""), encrypted,
                        params.get("msg_signature"))
        return company._dealer_wecom_decrypt(encrypted)

    @http.route("/dealer_crm/wecom/callback/<int:company_id>", type="http", auth="public", methods=["GET"],
                csrf=False, save_session=False)
    def verify_url(self, company_id, **params):
        company = self._company(company_id)
        if not company:
            return self._refuse(company_id, "WeCom is not configured")
        try:
            plain = self._check(company, params, params.get("echostr") or "")
        except WeComCryptoError as error:
            return self._refuse(company_id, str(error))
        return request.make_response(plain, headers=[("Content-Type", "text/plain; charset=utf-8")])

    @http.route("/dealer_crm/wecom/callback/<int:company_id>", type="http", auth="public", methods=["POST"],
                csrf=False, save_session=False)
    def receive(self, company_id, **params):
        company = self._company(company_id)
        if not company:
            return self._refuse(company_id, "WeCom is not configured")
        length = request.httprequest.content_length
        if length is None or length > MAX_BODY:
            return self._refuse(company_id, "body over 1 MB or of unknown length")
        body = request.httprequest.get_data()
        try:
            envelope = read_xml(body)
            message = read_xml(self._check(company, params, envelope.get("Encrypt") or ""))
        except (WeComCryptoError, WeComEnvelopeError) as error:
            return self._refuse(company_id, str(error))
        if message.get("ToUserName") and message["ToUserName"] != company.dealer_wecom_corp_id:
            return self._refuse(company_id, "wrong CorpID")
        messages = request.env["dealer.wecom.message"].sudo()
        if messages._dealer_store(company, message):
            messages._dealer_wake_processing()
        return request.make_response("", headers=[("Content-Type", "text/plain")])
