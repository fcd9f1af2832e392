"""Every rule holds where the data is written: the attempts of issue #14,
sent over JSON-RPC by logged-in demo users as any client could, each
refused with a clear error and the database unchanged (read before and
after by the administrator)."""
import base64

import pytest

from conftest import RpcError


def _refused(client, model, method, *args, kinds=("AccessError", "UserError", "ValidationError"), **kwargs):
    """Call and expect one of Odoo's clear errors, never a database error."""
    with pytest.raises(RpcError) as error:
        client.call(model, method, *args, **kwargs)
    assert error.value.name.rsplit(".", 1)[-1] in kinds, (error.value.name, error.value.message)
    assert "psycopg2" not in error.value.message and "Traceback" not in error.value.message
    return error.value.message


@pytest.fixture(scope="module")
def hidden_customer(login):
    """A customer of 华东公海, which hides contact details, with a phone."""
    manager = login("wangjianguo")
    customers = manager.call("res.partner", "search_read",
                             [("pool_id.name", "=", "华东公海"), ("phone", "!=", False)],
                             ["phone", "email", "street", "pool_id", "user_id", "dealer_protected_until"])
    assert customers, "the demo pool 华东公海 holds customers with a phone"
    return customers[0]


POOL_FIELDS = ["user_id", "pool_id", "in_pool", "dealer_owner_since", "dealer_protected_until", "phone"]


def test_hidden_details_answer_no_group_search_or_display(login, hidden_customer):
    zhang = login("zhangwei")
    cid, phone, email = hidden_customer["id"], hidden_customer["phone"], hidden_customer["email"]
    for field in ("phone", "email", "street"):
        groups = zhang.call("res.partner", "formatted_read_group", [("id", "=", cid)], [field], ["__count"])
        assert [group[field] for group in groups] == [False], groups
    [group] = zhang.call("res.partner", "formatted_read_group", [("id", "=", cid)], [], ["phone:array_agg"])
    assert group["phone:array_agg"] in ([None], None), group
    for domain in ([("phone", "=like", phone[:5] + "%")], [("phone", "=", phone)], [("phone", "ilike", phone[-4:])]):
        assert zhang.call("res.partner", "search_count", [("id", "=", cid)] + domain) == 0, domain
    if email:
        assert zhang.call("res.partner", "search_count", [("id", "=", cid), ("email", "ilike", email)]) == 0
        assert not zhang.call("res.partner", "name_search", email)
    for context in ({"show_email": True}, {"show_address": True}):
        [seen] = zhang.call("res.partner", "read", [cid], ["display_name"], context={**zhang.context, **context})
        assert not email or email not in seen["display_name"], seen
        if hidden_customer["street"]:
            assert hidden_customer["street"] not in seen["display_name"], seen
    # Odoo's own routes: the vCard and a download named after a field.
    response = zhang.session.get(f"{zhang.url}/web/partner/vcard", params={"partner_ids": str(cid)}, timeout=60)
    assert response.status_code == 200 and phone not in response.text, response.text
    response = zhang.session.get(f"{zhang.url}/web/content/res.partner/{cid}/avatar_128",
                                 params={"filename_field": "phone", "download": "1"}, timeout=60)
    assert phone not in response.headers.get("Content-Disposition", ""), response.headers
    # The manager of the pool still finds it.
    manager = login("wangjianguo")
    assert manager.call("res.partner", "search_count", [("id", "=", cid), ("phone", "=", phone)]) == 1


def test_pool_customer_not_taken_by_writing_fields(login, hidden_customer):
    admin = login("admin")
    cid = hidden_customer["id"]
    before = admin.call("res.partner", "read", [cid], POOL_FIELDS)
    logs = admin.call("dealer.owner.log", "search_count", [("partner_id", "=", cid)])
    zhang, chen = login("zhangwei"), login("chenjing")
    for client in (zhang, chen):
        for vals in ({"pool_id": False}, {"in_pool": False}, {"user_id": client.uid},
                     {"dealer_protected_until": "2099-12-31 00:00:00"}):
            _refused(client, "res.partner", "write", [cid], vals)
            _refused(client, "res.partner", "write", [cid], vals,
                     context={**client.context, "dealer_owner_change": True, "dealer_action": "dealer_action"})
    # Not a member of 华东公海: no claim either.
    _refused(chen, "res.partner", "action_pool_claim", [cid])
    assert admin.call("res.partner", "read", [cid], POOL_FIELDS) == before
    assert admin.call("dealer.owner.log", "search_count", [("partner_id", "=", cid)]) == logs


def test_own_customer_keeps_its_clock_and_owner(login):
    zhang, admin = login("zhangwei"), login("admin")
    [cid] = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)
    before = admin.call("res.partner", "read", [cid], POOL_FIELDS + ["is_dealer"])
    [pool] = admin.call("dealer.pool", "search", [("name", "=", "华东公海")])
    lina = login("lina")
    for vals in ({"dealer_protected_until": "2099-12-31 00:00:00"}, {"dealer_owner_since": "2099-01-01 00:00:00"},
                 {"pool_id": pool}, {"in_pool": True}, {"user_id": lina.uid}, {"is_dealer": False}):
        _refused(zhang, "res.partner", "write", [cid], vals)
    _refused(zhang, "res.partner", "create", {"name": "RPC 偷建客户", "is_company": True, "is_dealer": True,
                                              "pool_id": pool})
    _refused(zhang, "res.partner", "create", {"name": "RPC 偷建客户", "is_company": True, "is_dealer": True},
             context={**zhang.context, "default_pool_id": pool})
    assert admin.call("res.partner", "read", [cid], POOL_FIELDS + ["is_dealer"]) == before
    assert admin.call("res.partner", "search_count", [("name", "=", "RPC 偷建客户")]) == 0


@pytest.fixture
def through_back_office(login):
    """The company's "Orders through the back office" setting, on for the test."""
    admin = login("admin")
    [user] = admin.call("res.users", "read", [login("zhangwei").uid], ["company_id"])
    [company] = admin.call("res.company", "read", [user["company_id"][0]], ["dealer_orders_through_back_office"])
    admin.call("res.company", "write", [company["id"]], {"dealer_orders_through_back_office": True})
    yield
    admin.call("res.company", "write", [company["id"]],
               {"dealer_orders_through_back_office": company["dealer_orders_through_back_office"]})


def test_back_office_cannot_be_bypassed(login, through_back_office):
    zhang, admin = login("zhangwei"), login("admin")
    quotations = zhang.call("sale.order", "search_read",
                            [("user_id", "=", zhang.uid), ("state", "in", ("draft", "sent")),
                             ("partner_id.is_dealer", "=", True)], ["name"], limit=1)
    assert quotations, "zhangwei has a quotation of a dealer customer in the demo"
    oid = quotations[0]["id"]
    fields = ["state", "dealer_back_office_state", "dealer_submitted_by_id"]
    before = admin.call("sale.order", "read", [oid], fields)
    _refused(zhang, "sale.order", "action_confirm", [oid])
    _refused(zhang, "sale.order", "write", [oid], {"state": "sale"})
    _refused(zhang, "sale.order", "write", [oid], {"dealer_back_office_state": "confirmed"})
    clerk = login("sunli")
    _refused(clerk, "sale.order", "write", [oid], {"dealer_back_office_state": "confirmed"})
    _refused(clerk, "sale.order", "write", [oid], {"state": "sale"})
    assert admin.call("sale.order", "read", [oid], fields) == before


def test_agreements_cannot_be_rewritten(login):
    admin = login("admin")
    agreements = admin.call("dealer.agreement", "search_read", [("state", "=", "active")],
                            ["partner_id", "user_id", "credit_limit", "state", "rebate_tier_ids"])
    agreement = agreements[0]
    owner = next(login(name) for name in ("zhangwei", "lina", "liuyang", "chenjing", "zhaolei")
                 if login(name).uid == agreement["user_id"][0])
    other = next(login(name) for name in ("zhangwei", "lina", "liuyang") if login(name).uid != owner.uid)
    fields = ["state", "credit_limit", "rebate_tier_ids"]
    before = admin.call("dealer.agreement", "read", [agreement["id"]], fields)
    tiers = admin.call("dealer.agreement.rebate.tier", "search_read", [("agreement_id", "=", agreement["id"])],
                       ["threshold", "rate"])
    _refused(owner, "dealer.agreement", "write", [agreement["id"]], {"state": "draft"})
    _refused(owner, "dealer.agreement", "write", [agreement["id"]], {"state": "submitted"})
    _refused(owner, "dealer.agreement", "write", [agreement["id"]], {"credit_limit": 99999999})
    for client in (owner, other):
        _refused(client, "dealer.agreement.rebate.tier", "create",
                 {"agreement_id": agreement["id"], "threshold": 0, "rate": 100})
        if tiers:
            _refused(client, "dealer.agreement.rebate.tier", "write", [tiers[0]["id"]], {"rate": 100})
            _refused(client, "dealer.agreement.rebate.tier", "unlink", [tiers[0]["id"]])
    if tiers:
        with pytest.raises(RpcError):
            other.call("dealer.agreement.rebate.tier", "read", [tiers[0]["id"]], ["rate"])
        assert not other.call("dealer.agreement.rebate.tier", "search", [("agreement_id", "=", agreement["id"])])
    assert admin.call("dealer.agreement", "read", [agreement["id"]], fields) == before
    assert admin.call("dealer.agreement.rebate.tier", "search_read", [("agreement_id", "=", agreement["id"])],
                      ["threshold", "rate"]) == tiers


def test_follow_ups_are_not_attributed_to_others(login):
    zhang, lina, admin = login("zhangwei"), login("lina"), login("admin")
    [own] = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)
    [foreign] = admin.call("res.partner", "search", [("user_id", "=", lina.uid), ("is_company", "=", True)], limit=1)
    count = admin.call("dealer.followup", "search_count", [])
    before = admin.call("res.partner", "read", [foreign], ["next_followup_date", "last_followup_date"])
    _refused(zhang, "dealer.followup", "create", {"partner_id": own, "user_id": lina.uid, "content": "替人写跟进"})
    _refused(zhang, "dealer.followup", "create", {"partner_id": foreign, "content": "跟进别人的客户",
                                                   "next_date": "2099-01-01 00:00:00"})
    assert admin.call("dealer.followup", "search_count", []) == count
    assert admin.call("res.partner", "read", [foreign], ["next_followup_date", "last_followup_date"]) == before


def test_imports_are_private(login):
    lina, zhang, admin = login("lina"), login("zhangwei"), login("admin")
    content = "客户名称,电话\n私有导入客户,021-55556666\n".encode()
    wizard = lina.call("dealer.import.wizard", "create",
                       {"file": base64.b64encode(content).decode(), "filename": "customers.csv"})
    with pytest.raises(RpcError):
        zhang.call("dealer.import.wizard", "read", [wizard], ["file"])
    assert not zhang.call("dealer.import.wizard", "search", [("id", "=", wizard)])
    _refused(zhang, "dealer.import.wizard", "write", [wizard], {"user_id": zhang.uid})
    response = zhang.session.get(f"{zhang.url}/web/content/dealer.import.wizard/{wizard}/file", timeout=60)
    assert response.status_code in (403, 404) and content not in response.content, response.status_code
    response = lina.session.get(f"{lina.url}/web/content/dealer.import.wizard/{wizard}/file", timeout=60)
    assert response.status_code == 200 and response.content == content
    assert admin.call("dealer.import.wizard", "read", [wizard], ["user_id"])[0]["user_id"][0] == lina.uid


def test_bad_values_get_clear_errors(login):
    zhang, admin = login("zhangwei"), login("admin")
    [cid] = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)
    fields = ["name", "partner_latitude", "partner_longitude"]
    before = admin.call("res.partner", "read", [cid], fields)
    for vals in ({"partner_latitude": float("nan")}, {"partner_longitude": float("inf")},
                 {"partner_latitude": 91.0}, {"name": "鑫" * 5_000_000}):
        message = _refused(zhang, "res.partner", "write", [cid], vals, kinds=("ValidationError", "UserError"))
        assert "ProgramLimitExceeded" not in message and "index row" not in message, message
    assert admin.call("res.partner", "read", [cid], fields) == before


def test_bad_agreement_values_get_clear_errors(login):
    admin = login("admin")
    [draft] = admin.call("dealer.agreement", "search_read", [("state", "=", "draft")], ["user_id", "date_end"],
                         limit=1)
    owner = next(login(name) for name in ("zhangwei", "lina", "liuyang", "chenjing", "zhaolei")
                 if login(name).uid == draft["user_id"][0])
    tiers = admin.call("dealer.agreement.rebate.tier", "search_count", [("agreement_id", "=", draft["id"])])
    _refused(owner, "dealer.agreement", "write", [draft["id"]], {"date_end": "not-a-date"}, kinds=("ValidationError",))
    for rate in (float("nan"), float("inf"), 1e300):
        _refused(owner, "dealer.agreement.rebate.tier", "create",
                 {"agreement_id": draft["id"], "threshold": 0, "rate": rate}, kinds=("ValidationError",))
    assert admin.call("dealer.agreement", "read", [draft["id"]], ["date_end"])[0]["date_end"] == draft["date_end"]
    assert admin.call("dealer.agreement.rebate.tier", "search_count", [("agreement_id", "=", draft["id"])]) == tiers


def test_ownership_history_is_written_by_owner_changes_only(login):
    """Nobody writes the ownership log over RPC, managers included: it is
    written by the changes of owner alone."""
    admin, zhang, manager = login("admin"), login("zhangwei"), login("wangjianguo")
    [cid] = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)
    [log_id] = admin.call("dealer.owner.log", "search", [("partner_id", "=", cid)], limit=1)
    fields = ["partner_id", "from_user_id", "to_user_id", "action", "reason", "user_id", "date", "salesperson_id"]
    before = admin.call("dealer.owner.log", "search_read", [], fields)
    for client in (zhang, manager):
        _refused(client, "dealer.owner.log", "create",
                 {"partner_id": cid, "to_user_id": client.uid, "action": "assign"})
        _refused(client, "dealer.owner.log", "write", [log_id], {"to_user_id": client.uid, "reason": "伪造"})
        _refused(client, "dealer.owner.log", "unlink", [log_id])
    assert admin.call("dealer.owner.log", "search_read", [], fields) == before
