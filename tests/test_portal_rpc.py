"""The dealer portal on the demo database: the two demo dealers' logins,
their home, an order placed from the portal reaching the order desk, their
statements, and one dealer's URLs refused to the other."""
import io
import re
import unicodedata

from PyPDF2 import PdfReader


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
