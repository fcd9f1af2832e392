"""A field team's day against a served Dealer CRM (Locust, headless; run by
bench/field_day.sh), over JSON-RPC as the web and mobile clients call it.

- Salespeople (fd_sp_NNN): My Day, their customer list, a customer opened,
  a check-in with a 2000×1500 phone JPEG (EXIF time = now), its check-out,
  a follow-up with a next date; now and then the customers near them, a
  claim from the public pool 压测公海, or a quotation submitted to the back
  office.
- Managers (fd_mgr_N): the dashboard, the sales analysis pivot, the check-in
  report and the targets.
- The back office (fd_bo_0): the order desk, and the oldest submitted order
  confirmed.

Every user thinks 1–3 s between screens (FIELD_DAY_THINK=visit: between
visits only). Each acknowledged check-in, follow-up, claim, order and
confirmation is written to FIELD_DAY_LEDGER (one JSON line each), which the
integrity check compares with the database. A refusal the product gives on purpose (a claim
over the day's limit, a customer someone claimed first) is an answer, not a
failure: it is counted as refused.
"""
import base64
import io
import itertools
import json
import os
import random
import threading
from datetime import datetime, timedelta

from locust import HttpUser, between, events, task
from PIL import Image

DB = os.environ["FIELD_DAY_DB"]
LEDGER = os.environ["FIELD_DAY_LEDGER"]
_ledger_lock = threading.Lock()
_logins = {kind: itertools.count() for kind in ("sp", "mgr", "bo")}


def _plain_jpeg():
    image = Image.new("RGB", (2000, 1500), (90, 140, 60))
    for band in range(0, 1500, 100):
        image.paste((120 + band % 90, 100, 80 + band % 60), (0, band, 2000, band + 50))
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return output.getvalue()


PLAIN_JPEG = _plain_jpeg()


def phone_photo():
    """The photo with an EXIF segment saying it was taken now (Shanghai time),
    spliced in after the JPEG's start marker: no re-encoding per check-in."""
    exif = Image.Exif()
    exif[0x8769] = {36867: (datetime.utcnow() + timedelta(hours=8)).strftime("%Y:%m:%d %H:%M:%S")}
    payload = exif.tobytes()
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    return base64.b64encode(PLAIN_JPEG[:2] + segment + PLAIN_JPEG[2:]).decode()


def record(kind, record_id, user, **details):
    with _ledger_lock, open(LEDGER, "a") as ledger:
        ledger.write(json.dumps({"kind": kind, "id": record_id, "user": user, **details}) + "\n")


THINK_BETWEEN_SCREENS = os.environ.get("FIELD_DAY_THINK", "screen") == "screen"


class RpcUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    kind = None

    def screen(self):
        """The user reads a screen before the next: 1–3 s of think time, as
        between visits. FIELD_DAY_THINK=visit keeps it between visits only,
        the screens of a visit then following each other at once (a load
        several times heavier)."""
        if THINK_BETWEEN_SCREENS:
            self.wait()

    def on_start(self):
        self.login = self.login_name(next(_logins[self.kind]))
        while True:
            with self.client.post("/web/session/authenticate", name="login", catch_response=True, json={
                    "jsonrpc": "2.0", "params": {"db": DB, "login": self.login, "password": self.login}}) as response:
                try:
                    self.uid = response.json()["result"]["uid"]
                    return
                except (ValueError, KeyError):
                    self.fail(response, "login", f"HTTP {response.status_code}, no session")
            self.wait()

    def fail(self, response, name, message, debug=""):
        """A failed call: to Locust's statistics, and to the ledger, which
        counts the failures of the whole run (the statistics are reset once
        every user has started)."""
        response.failure(message)
        record("error", None, self.login, name=name, message=message, debug=debug)

    def call(self, name, model, method, *args, refusals=(), **kwargs):
        """The method's result, or None when it failed or was refused with
        one of the exception names ``refusals``."""
        with self.client.post(f"/web/dataset/call_kw/{model}/{method}", name=name, catch_response=True, json={
                "jsonrpc": "2.0", "method": "call",
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs}}) as response:
            try:
                body = response.json()
            except ValueError:
                self.fail(response, name, f"HTTP {response.status_code}, not JSON")
                return None
            if "error" in body and body["error"]["data"].get("name") in refusals:
                record("refused", None, self.login, name=name, message=body["error"]["data"]["message"][:200])
                return None
            if "error" in body:
                self.fail(response, name, body["error"]["data"]["message"][:200], body["error"]["data"].get("debug", ""))
                return None
            return body["result"]


class Salesperson(RpcUser):
    weight = 20
    kind = "sp"

    def login_name(self, index):
        return f"fd_sp_{index:03d}"

    @task
    def visit(self):
        action = self.call("My Day", "dealer.agenda", "action_my_day")
        if action is not None:
            self.call("My Day: list", "dealer.agenda", "web_search_read", action["domain"],
                      specification={"name": {}, "start": {}, "kind": {}, "partner_id": {"fields": {}}}, limit=80)
        self.screen()
        page = self.call("customer list", "res.partner", "web_search_read",
                         [("is_dealer", "=", True), ("is_company", "=", True), ("user_id", "=", self.uid)],
                         specification={"name": {}, "phone": {}, "next_followup_date": {}, "dealer_region_id": {
                             "fields": {"display_name": {}}}}, limit=40)
        if not page or not page["records"]:
            return
        customer = random.choice(page["records"])
        self.screen()
        self.call("open customer", "res.partner", "web_read", [customer["id"]],
                  specification={"name": {}, "street": {}, "phone": {}, "partner_latitude": {},
                                 "partner_longitude": {}, "next_followup_date": {}, "dealer_importance": {}})
        self.screen()
        [latitude, longitude] = [31.23 + random.uniform(-0.0004, 0.0004), 121.47 + random.uniform(-0.0004, 0.0004)]
        checkin_ids = self.call("check in (photo)", "dealer.checkin", "create", [{
            "partner_id": customer["id"], "latitude": latitude, "longitude": longitude, "accuracy": 15,
            "photo_ids": [[0, 0, {"name": "门头.jpg", "image": phone_photo()}]]}])
        if checkin_ids:
            record("checkin", checkin_ids[0], self.login)
            self.screen()
            self.call("check out", "dealer.checkin", "action_check_out", checkin_ids)
        self.screen()
        next_date = (datetime.utcnow() + timedelta(days=random.randint(1, 14))).strftime("%Y-%m-%d %H:%M:%S")
        followup_ids = self.call("follow-up", "dealer.followup", "create", [{
            "partner_id": customer["id"], "method": "visit", "content": "压测：拜访记录，客户关注返利",
            "next_date": next_date}])
        if followup_ids:
            record("followup", followup_ids[0], self.login)
        errand = random.random()
        if errand < 0.4:
            self.screen()
        if errand < 0.25:
            self.claim(latitude, longitude)
        elif errand < 0.4:
            self.order(customer["id"])

    def claim(self, latitude, longitude):
        """Customers near me, then a customer of the pool claimed: on a busy
        day several salespeople reach for the same one."""
        self.call("customers near me", "res.partner", "dealer_nearby", latitude, longitude)
        self.screen()
        waiting = self.call("pool list", "res.partner", "web_search_read", [("pool_id.name", "=", "压测公海")],
                            specification={"name": {}}, limit=10, order="id")
        if waiting and waiting["records"]:
            customer_id = random.choice(waiting["records"])["id"]
            self.screen()
            if self.call("claim", "res.partner", "action_pool_claim", [customer_id],
                         refusals=("odoo.exceptions.UserError",)):
                record("claim", customer_id, self.login)

    def order(self, customer_id):
        """A quotation of two products for the customer, submitted to the back office."""
        products = self.call("products", "product.product", "web_search_read", [("sale_ok", "=", True)],
                             specification={"display_name": {}}, limit=20, order="id")
        if not products or not products["records"]:
            return
        self.screen()
        order_ids = self.call("quotation", "sale.order", "create", [{
            "partner_id": customer_id, "order_line": [
                [0, 0, {"product_id": product["id"], "product_uom_qty": random.randint(1, 20)}]
                for product in random.sample(products["records"], min(2, len(products["records"])))]}])
        if order_ids:
            record("order", order_ids[0], self.login)
            self.screen()
            if self.call("submit order", "sale.order", "action_dealer_submit", order_ids,
                         refusals=("odoo.exceptions.UserError",)):
                record("submitted", order_ids[0], self.login)


class Manager(RpcUser):
    weight = 2
    kind = "mgr"

    def login_name(self, index):
        return f"fd_mgr_{index % int(os.environ.get('FIELD_DAY_MANAGERS', '1'))}"

    @task
    def review(self):
        self.call("dashboard", "dealer.sales.dashboard", "get_dashboard")
        self.screen()
        self.call("sales analysis pivot", "dealer.sales.analysis", "formatted_read_group",
                  [("metric", "=", "contract_amount")], ["user_id", "date:month"], ["revenue:sum"])
        self.screen()
        self.call("check-in report", "dealer.checkin.report", "formatted_read_group",
                  [("kind", "=", "checkin")], ["user_id"], ["visit_count:sum"])
        self.screen()
        self.call("targets", "dealer.target", "web_search_read", [],
                  specification={"display_name": {}, "actual_total": {}, "target_total": {}}, limit=80)


class BackOffice(RpcUser):
    fixed_count = 1
    kind = "bo"

    def login_name(self, index):
        return "fd_bo_0"

    @task
    def desk(self):
        desk = self.call("order desk", "sale.order", "web_search_read", [
                             ("dealer_back_office_state", "=", "submitted"),
                             ("dealer_submitted_by_id.login", "=like", "fd_sp_%")],
                         specification={"name": {}, "partner_id": {"fields": {"display_name": {}}},
                                        "amount_total": {}, "dealer_back_office_state": {}},
                         limit=80, order="dealer_submitted_date, id")
        if desk and desk["records"]:
            order_id = desk["records"][0]["id"]
            self.screen()
            if self.call("confirm order", "sale.order", "action_confirm", [order_id]) is not None:
                record("confirmed", order_id, self.login)


@events.test_start.add_listener
def _empty_ledger(environment, **kwargs):
    open(LEDGER, "w").close()
