import hashlib
import re
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, AccessError, ValidationError

# A one-time login key lives this long between WeCom's OAuth return and the session.
LOGIN_KEY_SECONDS = 60


def _digits(phone):
    digits = re.sub(r"\D", "", phone or "")
    return digits[-11:] if len(digits) >= 11 else digits


class ResUsers(models.Model):
    _inherit = "res.users"

    dealer_wecom_userid = fields.Char(
        string="WeCom UserID", copy=False, groups="base.group_erp_manager",
        help="The member's account in the company's WeCom (企业微信 账号): their messages to the app become "
             "their follow-ups, and their reminders are sent to it.",
    )
    dealer_wecom_push = fields.Boolean(
        string="Reminders in WeCom", default=True,
        help="Also receive Dealer CRM's reminders in WeCom.",
    )

    _dealer_wecom_userid_unique = models.UniqueIndex(
        "(dealer_wecom_userid) WHERE dealer_wecom_userid IS NOT NULL",
        "This WeCom UserID is already linked to another user.",
    )

    @api.constrains("dealer_wecom_userid")
    def _check_dealer_wecom_userid(self):
        for user in self.sudo().filtered("dealer_wecom_userid"):
            if len(user.dealer_wecom_userid) > 64 or not re.fullmatch(r"[\w.@-]+", user.dealer_wecom_userid):
                raise ValidationError(self.env._(
                    "A WeCom UserID (账号) has at most 64 letters, digits, dots, @, _ and -, without spaces.",
                ))

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["dealer_wecom_push"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["dealer_wecom_push"]

    @api.model
    def _dealer_wecom_user(self, company, userid):
        """The active internal user linked to ``userid`` in ``company``."""
        if not userid:
            return self.browse()
        return self.sudo().search([
            ("dealer_wecom_userid", "=", userid), ("share", "=", False), ("company_ids", "in", company.id),
        ], limit=1)

    @api.model
    def _dealer_wecom_match_members(self, company):
        """Link the app's visible members to users without a WeCom UserID, by
        mobile, then email, then exact name: ``(linked, unmatched)``, the
        linked users and the names of the members left unmatched."""
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only administrators link WeCom members."))
        members = company._dealer_wecom_client().list_users()
        users = self.sudo().search([("share", "=", False), ("company_ids", "in", company.id)])
        taken = set(users.filtered("dealer_wecom_userid").mapped("dealer_wecom_userid"))
        free = users.filtered(lambda user: not user.dealer_wecom_userid)
        keys = (
            (lambda member: _digits(member.get("mobile")), lambda user: _digits(user.phone)),
            (lambda member: (member.get("email") or member.get("biz_mail") or "").strip().lower(),
             lambda user: (user.email or "").strip().lower()),
            (lambda member: (member.get("name") or "").strip(), lambda user: (user.name or "").strip()),
        )
        linked, unmatched = self.browse(), []
        for member in members:
            userid = member.get("userid")
            if not userid or userid in taken:
                continue
            match = self.browse()
            for member_key, user_key in keys:
                value = member_key(member)
                if value:
                    candidates = free.filtered(lambda user: user_key(user) == value)
                    if len(candidates) == 1:
                        match = candidates
                        break
            if match:
                match.dealer_wecom_userid = userid
                free -= match
                linked |= match
                taken.add(userid)
            else:
                unmatched.append(member.get("name") or userid)
        return linked, unmatched

    def _dealer_wecom_login_key(self):
        """A key that opens one session for the user, once, within a minute."""
        self.ensure_one()
        key = secrets.token_urlsafe(32)
        self.env["dealer.wecom.token"].sudo()._add_once(
            self.env.company, f"login:{hashlib.sha256(key.encode()).hexdigest()}", str(self.id), LOGIN_KEY_SECONDS,
        )
        return key

    def _check_credentials(self, credential, env):
        if credential.get("type") != "dealer_wecom":
            return super()._check_credentials(credential, env)
        key = credential.get("key") or ""
        user_id = self.env["dealer.wecom.token"].sudo()._take(f"login:{hashlib.sha256(key.encode()).hexdigest()}")
        if not key or user_id != str(self.env.user.id):
            raise AccessDenied()
        return {"uid": self.env.user.id, "auth_method": "dealer_wecom", "mfa": "default"}
