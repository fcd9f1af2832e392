"""A client of WeCom's server API for one in-house app (自建应用)."""
import requests

DEFAULT_API_URL = "https://qyapi.weixin.qq.com/cgi-bin"
TIMEOUT = 10
# The access token is invalid or expired: get a new one and try once more.
TOKEN_ERRORS = frozenset({40014, 42001})
# The server's outbound IP is not on the app's trusted-IP list.
UNTRUSTED_IP = 60020
# API frequency limits.
RATE_LIMITED = frozenset({45009, 45033, 45047})


class WeComApiError(Exception):
    """WeCom refused a call (``code`` is its errcode) or could not be reached (``code`` None)."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}" if code is not None else message)
        self.code = code
        self.message = message


class WeComClient:
    """Calls WeCom's API with an access token kept in ``cache``: an object
    with ``get(kind)``, ``put(kind, value, expires_in)`` and ``drop(kind)``."""

    def __init__(self, corp_id, secret, agent_id=None, api_url=None, cache=None):
        self.corp_id = corp_id
        self.secret = secret
        self.agent_id = agent_id
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        self.cache = cache

    def _request(self, method, path, params=None, payload=None, raw=False):
        try:
            response = requests.request(
                method, f"{self.api_url}/{path}", params=params, json=payload, timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            raise WeComApiError(None, f"WeCom could not be reached: {type(error).__name__}") from None
        if raw and not response.headers.get("Content-Type", "").startswith(("application/json", "text/plain")):
            if response.status_code != 200:
                raise WeComApiError(None, f"HTTP {response.status_code}")
            return response
        try:
            body = response.json()
        except ValueError:
            raise WeComApiError(None, f"HTTP {response.status_code}: not JSON") from None
        code = body.get("errcode", 0)
        if code:
            raise WeComApiError(code, body.get("errmsg", ""))
        return body

    def get_token(self, refresh=False):
        token = None if refresh or not self.cache else self.cache.get("access_token")
        if token:
            return token
        body = self._request("GET", "gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret})
        token = body["access_token"]
        if self.cache:
            self.cache.put("access_token", token, int(body.get("expires_in", 7200)))
        return token

    def call(self, method, path, params=None, payload=None, raw=False):
        """One API call with the access token, refreshed once if WeCom says it expired."""
        for attempt in (0, 1):
            try:
                return self._request(method, path, params={**(params or {}), "access_token": self.get_token(attempt)},
                                     payload=payload, raw=raw)
            except WeComApiError as error:
                if error.code not in TOKEN_ERRORS or attempt:
                    raise
                if self.cache:
                    self.cache.drop("access_token")
        raise AssertionError("unreachable")

    def send(self, userid, payload):
        """Send a message (``payload``: its type and content) to ``userid``."""
        return self.call("POST", "message/send", payload={
            "touser": userid, "agentid": int(self.agent_id or 0), "enable_duplicate_check": 1,
            "duplicate_check_interval": 1800, **payload,
        })

    def send_text(self, userid, text):
        return self.send(userid, {"msgtype": "text", "text": {"content": text}})

    def send_text_card(self, userid, title, description, url):
        return self.send(userid, {"msgtype": "textcard", "textcard": {
            "title": title, "description": description, "url": url, "btntxt": "详情",
        }})

    def get_media(self, media_id):
        """The bytes and content type of a media file (kept 3 days by WeCom)."""
        response = self.call("GET", "media/get", params={"media_id": media_id}, raw=True)
        return response.content, response.headers.get("Content-Type", "")

    def get_user_id(self, code):
        """The userid of an OAuth code (snsapi_base)."""
        body = self.call("GET", "auth/getuserinfo", params={"code": code})
        return body.get("userid") or body.get("UserId")

    def get_jsapi_ticket(self):
        ticket = self.cache.get("jsapi_ticket") if self.cache else None
        if ticket:
            return ticket
        body = self.call("GET", "get_jsapi_ticket")
        if self.cache:
            self.cache.put("jsapi_ticket", body["ticket"], int(body.get("expires_in", 7200)))
        return body["ticket"]

    def list_users(self, department_id=1):
        """The members visible to the app (userid, name, mobile, email)."""
        body = self.call("GET", "user/list", params={"department_id": department_id, "fetch_child": 1})
        return body.get("userlist", [])
