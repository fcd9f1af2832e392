"""The dealer portal on the demo database: the two demo dealers' logins,
their home, an order placed from the portal reaching the order desk, their
statements, and one dealer's URLs refused to the other."""
import io
import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PyPDF2 import PdfReader

from conftest import RpcError


def _dealer(login, name):
    [user] = login("admin").call("res.users", "search_read", [("login", "=", name)], ["partner_id"])
    [partner] = login("admin").call("res.partner", "read", [user["partner_id"][0]], ["commercial_partner_id"])
    return partner["commercial_partner_id"][0]


def _csrf(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_dealer_home_in_chinese(login):
    hangzhou = login("dealer_hangzhou")
    page = hangzhou.session.get(f"{hangzhou.url}/my/dealer", timeout=60)
    assert page.status_code == 200, page.text[:500]
    [agreement] = login("admin").call("dealer.agreement", "search_read", [
        ("partner_id", "=", _dealer(login, "dealer_hangzhou")), ("state", "=", "active")], ["name"])
    for expected in (agreement["name"], "本年返利", "信用", "对账单", "已确认", "有异议"):
        assert expected in page.text, expected


def test_an_order_placed_in_the_portal_reaches_the_order_desk(login):
    hangzhou = login("dealer_hangzhou")
    form = hangzhou.session.get(f"{hangzhou.url}/my/dealer/order", timeout=60)
    assert form.status_code == 200, form.text[:500]
    product_id = re.search(r'name="qty_(\d+)"', form.text).group(1)
    address_id = re.search(r'name="address_id".*?<option value="(\d+)"', form.text, re.S).group(1)
    placed = hangzhou.session.post(f"{hangzhou.url}/my/dealer/order", data={
        "csrf_token": _csrf(form.text), f"qty_{product_id}": "30", "address_id": address_id, "place": "1",
    }, timeout=60)
    assert placed.status_code == 200, placed.text[:500]
    orders = login("sunli").call("sale.order", "search_read", [
        ("partner_id", "=", _dealer(login, "dealer_hangzhou")), ("dealer_back_office_state", "=", "submitted"),
    ], ["order_line", "amount_total"], order="id desc", limit=1)
    assert orders and orders[0]["amount_total"] > 0, orders
    # The desk as the other tests know it: one order waiting, the demo's.
    login("sunli").call("sale.order", "action_dealer_return", [orders[0]["id"]], "测试订单，退回")


def test_each_dealer_has_a_confirmed_and_a_disputed_statement(login):
    sunli = login("sunli")
    for name in ("dealer_hangzhou", "dealer_beijing"):
        statements = sunli.call("dealer.statement", "search_read", [("partner_id", "=", _dealer(login, name))],
                                ["state", "closing_balance", "activity_ids"], order="date_from")
        assert [statement["state"] for statement in statements] == ["confirmed", "disputed"], statements
        assert statements[1]["activity_ids"], "the dispute is an activity for the back office"


def test_a_dealer_gets_its_statement_pdf_in_chinese_and_not_the_others(login):
    hangzhou = login("dealer_hangzhou")
    own = hangzhou.call("dealer.statement", "search_read", [], ["name", "partner_id"])
    assert {statement["partner_id"][0] for statement in own} == {_dealer(login, "dealer_hangzhou")}
    response = hangzhou.session.get(f"{hangzhou.url}/my/dealer/statements/{own[0]['id']}/pdf", timeout=120)
    assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.text[:500]
    text = unicodedata.normalize("NFKC", "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)).replace("\n", "")
    assert "对账单" in text and "期末余额" in text, text[:500]
    others = login("sunli").call("dealer.statement", "search_read", [
        ("partner_id", "=", _dealer(login, "dealer_beijing"))], ["id"])
    for statement in others:
        for path in ("", "/pdf"):
            response = hangzhou.session.get(f"{hangzhou.url}/my/dealer/statements/{statement['id']}{path}", timeout=60)
            assert response.status_code in (403, 404), (path, response.status_code)
        assert not hangzhou.call("dealer.statement", "search_read", [("id", "=", statement["id"])], ["id"])


def test_three_months_of_stock_reports_and_a_sale_outside_the_territory(login):
    sunli = login("sunli")
    for name in ("dealer_hangzhou", "dealer_beijing"):
        reports = sunli.call("dealer.stock.report", "search_read", [
            ("partner_id", "=", _dealer(login, name))], ["date_from", "cross_territory", "revision"], order="date_from")
        demo = [report for report in reports if report["date_from"] < _this_month()]
        assert len(demo) == 3, (name, reports)
    [alerted] = sunli.call("dealer.stock.report", "search_read", [("cross_territory", "=", True)],
                           ["partner_id", "activity_ids"])
    assert alerted["partner_id"][0] == _dealer(login, "dealer_hangzhou")
    [activity] = login("wangjianguo").call("mail.activity", "search_read", [
        ("res_model", "=", "dealer.stock.report"), ("res_id", "=", alerted["id"])], ["summary", "note"])
    assert "跨区域销售" in activity["summary"] and "上海" in activity["note"], activity
    lines = login("wangjianguo").call("dealer.stock.analysis", "search_read", [
        ("partner_id", "=", _dealer(login, "dealer_hangzhou")), ("date", "<", _this_month())],
        ["sell_through", "stock_days"])
    assert len(lines) == 6 and all(line["sell_through"] > 0 for line in lines), lines


def test_a_dealer_reports_its_stock_in_the_portal_and_nowhere_else(login):
    hangzhou = login("dealer_hangzhou")
    month = _this_month()[:7]
    form = hangzhou.session.get(f"{hangzhou.url}/my/dealer/stock/{month}", timeout=60)
    assert form.status_code == 200 and "o_dealer_portal_stock_form" in form.text, form.text[:500]
    [own] = hangzhou.call("dealer.stock.report", "search_read", [], ["id"], order="date_from desc", limit=1)
    for method, args in (("write", [[own["id"]], {"sold_qty": 0}]), ("unlink", [[own["id"]]]),
                         ("create", [{"partner_id": _dealer(login, "dealer_hangzhou"), "date_from": f"{month}-01"}]),
                         ("_dealer_submit", [])):
        with pytest.raises(RpcError):
            hangzhou.call("dealer.stock.report", method, *args)
    products = re.findall(r'<option value="(\d+)">', form.text.split('name="add_product_id"')[1].split("</select>")[0])
    product = products[0]
    submitted = hangzhou.session.post(f"{hangzhou.url}/my/dealer/stock/{month}", data={
        "csrf_token": _csrf(form.text), "submit": "1", f"opening_qty_{product}": "10", f"received_qty_{product}": "5",
        f"sold_qty_{product}": "4", f"closing_qty_{product}": "11"}, timeout=60)
    assert "o_dealer_portal_stock_submitted" in submitted.text, submitted.text[:500]
    beijing = login("dealer_beijing")
    assert not beijing.call("dealer.stock.report", "search_read", [
        ("partner_id", "=", _dealer(login, "dealer_hangzhou"))], ["id"]), "one dealer never reads the other's"
    [report] = login("sunli").call("dealer.stock.report", "search_read", [
        ("partner_id", "=", _dealer(login, "dealer_hangzhou")), ("date_from", "=", f"{month}-01")],
        ["closing_qty", "source"])
    assert (report["closing_qty"], report["source"]) == (11, "portal"), report


def _this_month():
    """The first day of this month in Shanghai, as the server writes dates."""
    return datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-01")
