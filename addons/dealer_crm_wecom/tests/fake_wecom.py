"""A fake of WeCom's server API on a loopback port, for tests: gettoken,
message/send (recorded), media/get, auth/getuserinfo, get_jsapi_ticket and
user/list, with errors on demand. Also what a test needs to talk as WeCom
does: a real AMR recording and an encrypted callback. No Odoo import: the
end-to-end tests under tests/ use it too."""
import ctypes
import json
import math
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

CORP_ID = "wwdealercrmtest0001"
SECRET = "fake-secret"
TOKEN = "FakeCallbackToken"
AES_KEY = "RmFrZVdlQ29tRW5jb2RpbmdBRVNLZXlGb3JUZXN0czA"
AGENT_ID = "1000002"


class FakeWeCom:
    """Start with ``start()``; ``url`` is the API base URL to configure."""

    def __init__(self, corp_id=CORP_ID, secret=SECRET):
        self.corp_id, self.secret = corp_id, secret
        self.sent = []
        self.calls = []
        self.media = {}
        self.codes = {}
        self.members = []
        self.errors = {}
        self.token = None
        self.tokens_issued = 0
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake._handle(self, None)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                fake._handle(self, self.rfile.read(length))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin"

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def fail(self, path, *codes):
        """Answer the next calls of ``path`` (``message/send``, say) with these error codes."""
        with self.lock:
            self.errors.setdefault(path, []).extend(codes)

    def expire_token(self):
        """The current access token is refused from now on (42001)."""
        with self.lock:
            self.token = None

    def add_media(self, content, content_type):
        media_id = f"MEDIA_{uuid.uuid4().hex}"
        self.media[media_id] = (content, content_type)
        return media_id

    def _reply(self, handler, body, content_type="application/json", status=200):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _handle(self, handler, body):
        url = urlparse(handler.path)
        path = url.path.removeprefix("/cgi-bin/")
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        payload = json.loads(body) if body else None
        with self.lock:
            self.calls.append((path, query, payload))
            errors = self.errors.get(path)
            if errors:
                code = errors.pop(0)
                return self._reply(handler, {"errcode": code, "errmsg": f"fake error {code}"})
            if path == "gettoken":
                if query.get("corpid") != self.corp_id or query.get("corpsecret") != self.secret:
                    return self._reply(handler, {"errcode": 40001, "errmsg": "invalid credential"})
                self.tokens_issued += 1
                self.token = f"TOKEN{self.tokens_issued}"
                return self._reply(handler, {"errcode": 0, "access_token": self.token, "expires_in": 7200})
            if not self.token or query.get("access_token") != self.token:
                return self._reply(handler, {"errcode": 42001, "errmsg": "access_token expired"})
            if path == "message/send":
                self.sent.append(payload)
                return self._reply(handler, {"errcode": 0, "errmsg": "ok"})
            if path == "media/get":
                if query.get("media_id") not in self.media:
                    return self._reply(handler, {"errcode": 40007, "errmsg": "invalid media_id"})
                content, content_type = self.media[query["media_id"]]
                return self._reply(handler, content, content_type)
            if path == "auth/getuserinfo":
                userid = self.codes.pop(query.get("code"), None)
                if not userid:
                    return self._reply(handler, {"errcode": 40029, "errmsg": "invalid code"})
                return self._reply(handler, {"errcode": 0, "userid": userid})
            if path == "get_jsapi_ticket":
                return self._reply(handler, {"errcode": 0, "ticket": "FAKE_JSAPI_TICKET", "expires_in": 7200})
            if path == "user/list":
                return self._reply(handler, {"errcode": 0, "userlist": self.members})
        return self._reply(handler, {"errcode": 404, "errmsg": "unknown path"}, status=404)


def sine_amr(seconds=3, frequency=440):
    """A real AMR-NB recording of a sine wave, encoded with opencore-amrnb
    (Debian's ffmpeg decodes AMR but has no AMR encoder)."""
    library = ctypes.CDLL("libopencore-amrnb.so.0")
    library.Encoder_Interface_init.restype = ctypes.c_void_p
    library.Encoder_Interface_init.argtypes = [ctypes.c_int]
    library.Encoder_Interface_Encode.argtypes = [
        ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.POINTER(ctypes.c_ubyte), ctypes.c_int,
    ]
    library.Encoder_Interface_exit.argtypes = [ctypes.c_void_p]
    state = library.Encoder_Interface_init(0)
    output = bytearray(b"#!AMR\n")
    frame = (ctypes.c_ubyte * 64)()
    for index in range(seconds * 50):
        samples = [int(8000 * math.sin(2 * math.pi * frequency * (index * 160 + i) / 8000)) for i in range(160)]
        size = library.Encoder_Interface_Encode(state, 7, (ctypes.c_short * 160)(*samples), frame, 0)
        output += bytes(frame[:size])
    library.Encoder_Interface_exit(state)
    return bytes(output)


def message_xml(sender, msg_type, msg_id=None, created=None, **fields):
    """A message as WeCom writes it in a callback's plaintext."""
    parts = [
        f"<ToUserName><![CDATA[{fields.pop('to', CORP_ID)}]]></ToUserName>",
        f"<FromUserName><![CDATA[{sender}]]></FromUserName>",
        f"<CreateTime>{int(created or time.time())}</CreateTime>",
        f"<MsgType><![CDATA[{msg_type}]]></MsgType>",
    ]
    parts += [f"<{name}><![CDATA[{value}]]></{name}>" for name, value in fields.items()]
    if msg_id is not None:
        parts.append(f"<MsgId>{msg_id}</MsgId>")
    parts.append(f"<AgentID>{AGENT_ID}</AgentID>")
    return "<xml>" + "".join(parts) + "</xml>"


def callback_request(encrypt, sign, message, token=TOKEN, aes_key=AES_KEY, corp_id=CORP_ID, timestamp=None):
    """The query and body WeCom posts for ``message``: ``(params, body)``.
    ``encrypt`` and ``sign`` are the addon's crypto functions."""
    timestamp = str(int(timestamp if timestamp is not None else time.time()))
    nonce = str(secrets.randbelow(10**9))
    encrypted = encrypt(aes_key, message, corp_id)
    params = {"msg_signature": sign(token, timestamp, nonce, encrypted), "timestamp": timestamp, "nonce": nonce}
    body = f"<xml><ToUserName><![CDATA[{corp_id}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt>" \
           f"<AgentID><![CDATA[{AGENT_ID}]]></AgentID></xml>"
    return params, body.encode()
