import hashlib
import secrets
import time

from odoo import http
from odoo.http import request

from ..tools.api import WeComApiError


class WeComJsapi(http.Controller):

    @http.route("/dealer_crm/wecom/jsapi_config", type="jsonrpc", auth="user", readonly=False)
    def jsapi_config(self, url):
        """What ``wx.config`` needs on the page at ``url`` (without its
        fragment), signed with the company's JS-SDK ticket."""
        company = request.env.company
        if not isinstance(url, str) or len(url) > 2048 or not company._dealer_wecom_configured():
            return {"error": request.env._("WeCom is not configured.")}
        try:
            ticket = company._dealer_wecom_client().get_jsapi_ticket()
        except WeComApiError as error:
            return {"error": company._dealer_wecom_error_text(error)}
        nonce, timestamp = secrets.token_hex(8), int(time.time())
        signed = f"jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url.split('#')[0]}"
        return {
            "appId": company.sudo().dealer_wecom_corp_id,
            "timestamp": timestamp,
            "nonceStr": nonce,
            "signature": hashlib.sha1(signed.encode()).hexdigest(),
        }
