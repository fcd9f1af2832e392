import hashlib
import logging
import re
import secrets
from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..tools.api import WeComApiError

_logger = logging.getLogger(__name__)

AUTHORIZE_URL = "https://open.weixin.qq.com/connect/oauth2/authorize"
# Odoo 19's web client needs at least this Chromium; WeCom's PC browser can be older.
MIN_CHROMIUM = 100
# An OAuth code is taken once within this many seconds.
CODE_SECONDS = 600
STATE_KEY = "dealer_wecom_state"


class WeComLogin(http.Controller):
    """Opening Odoo from the app in WeCom: WeCom's OAuth (snsapi_base) gives
    the member's userid, and the linked user is logged in without a password."""

    def _page(self, company, title, message, status=200, link=None):
        lang = (company and company.partner_id.lang) or "zh_CN"
        html = request.env["ir.qweb"].with_context(lang=lang)._render("dealer_crm_wecom.wecom_message_page", {
            "title": title, "message": message, "link": link,
        })
        return request.make_response(html, status=status, headers=[("Content-Type", "text/html; charset=utf-8")])

    def _old_browser(self):
        agent = request.httprequest.user_agent.string or ""
        match = re.search(r"Chrom(?:e|ium)/(\d+)", agent)
        return bool(match) and int(match.group(1)) < MIN_CHROMIUM

    @http.route("/dealer_crm/wecom/login/<int:company_id>", type="http", auth="public", methods=["GET"],
                csrf=False)
    def login(self, company_id, code=None, state=None, **_params):
        company = request.env["res.company"].sudo().browse(company_id).exists()
        env = request.env(context=dict(request.env.context, lang=(company and company.partner_id.lang) or "zh_CN"))
        if not company or not company._dealer_wecom_configured():
            return self._page(company, env._("WeCom is not set up"), env._(
                "Dealer CRM is not connected to this company's WeCom yet: ask your administrator."), status=404)
        if self._old_browser():
            return self._page(company, env._("Your WeCom browser is too old"), env._(
                "Dealer CRM needs a recent browser. Open this page in your system browser, or update WeCom."),
                link=request.httprequest.url)
        here = f"{company.get_base_url()}/dealer_crm/wecom/login/{company.id}"
        if not code:
            request.session[STATE_KEY] = secrets.token_urlsafe(24)
            query = urlencode({
                "appid": company.dealer_wecom_corp_id, "redirect_uri": here, "response_type": "code",
                "scope": "snsapi_base", "state": request.session[STATE_KEY],
                "agentid": company.dealer_wecom_agent_id or "",
            })
            return request.redirect(f"{AUTHORIZE_URL}?{query}#wechat_redirect", local=False)
        expected = request.session.pop(STATE_KEY, None)
        if not expected or not state or not secrets.compare_digest(expected, state):
            return self._page(company, env._("Sign-in expired"), env._(
                "This sign-in link was not started here or was already used: open the app in WeCom again."),
                status=403)
        tokens = request.env["dealer.wecom.token"].sudo()
        if not tokens._add_once(company, f"oauth:{hashlib.sha256(code.encode()).hexdigest()}", "1", CODE_SECONDS):
            return self._page(company, env._("Sign-in expired"), env._(
                "This sign-in link was already used: open the app in WeCom again."), status=403)
        try:
            userid = company._dealer_wecom_client().get_user_id(code)
        except WeComApiError as error:
            return self._page(company, env._("WeCom sign-in failed"), company._dealer_wecom_error_text(error),
                              status=502)
        user = request.env["res.users"]._dealer_wecom_user(company, userid)
        if not user:
            _logger.info("WeCom sign-in of an unlinked member for company %s", company.id)
            return self._page(company, env._("Your WeCom account is not linked"), env._(
                "Your WeCom account (%(userid)s) is not linked to a Dealer CRM user. Ask your administrator "
                "to link it, then open the app again.", userid=userid or "?"), status=403)
        key = user.with_company(company)._dealer_wecom_login_key()
        try:
            request.session.authenticate(request.env, {"type": "dealer_wecom", "login": user.login, "key": key})
        except AccessDenied:
            return self._page(company, env._("WeCom sign-in failed"), env._("The sign-in could not be completed."),
                              status=403)
        return request.redirect("/odoo")
