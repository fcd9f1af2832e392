"""Dealer agreements of the demo database, and their printed form."""
import io
import unicodedata

from PyPDF2 import PdfReader


def test_demo_agreements_in_every_state(login):
    admin = login("admin")
    states = {row["state"] for row in admin.call("dealer.agreement", "search_read", [], ["state"])}
    assert states == {"draft", "submitted", "approved", "active", "expired", "terminated"}, states


def test_the_owner_prints_the_active_agreement_in_chinese(login):
    lina = login("lina")
    [agreement] = lina.call("dealer.agreement", "search_read", [("state", "=", "active")], ["name"])
    response = lina.session.get(f"{lina.url}/report/pdf/dealer_crm_sale.dealer_agreement_report/{agreement['id']}",
                                timeout=120)
    assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.text[:500]
    # The CJK font maps some glyphs to Kangxi radicals (⽅ for 方): NFKC folds them back.
    text = unicodedata.normalize("NFKC", "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)).replace("\n", "")
    assert "上海鑫达建材贸易有限公司" in text, text[:500]
    assert "甲方" in text and "条款" in text and "窜货" in text, text[:500]


def test_order_desk_holds_orders_at_every_stage(login):
    clerk = login("sunli")
    orders = clerk.call("sale.order", "search_read", [("dealer_back_office_state", "!=", False)],
                        ["dealer_back_office_state", "state", "dealer_payment_state"])
    stages = {(order["dealer_back_office_state"], order["state"], order["dealer_payment_state"]) for order in orders}
    assert {("submitted", "draft", "not_invoiced"), ("returned", "draft", "not_invoiced"),
            ("confirmed", "sale", "not_invoiced"), ("confirmed", "sale", "not_paid"),
            ("confirmed", "sale", "paid")} <= stages, stages
    delivered = clerk.call("sale.order", "search_count", [("dealer_back_office_state", "=", "confirmed"),
                                                           ("delivery_status", "=", "full")])
    assert delivered == 2, delivered
    [submitted] = [order for order in orders if order["dealer_back_office_state"] == "submitted"]
    clerk.call("sale.order", "action_dealer_return", [submitted["id"]], "请补充收货地址")
    [returned] = clerk.call("sale.order", "read", [submitted["id"]], ["dealer_back_office_state", "dealer_return_reason"])
    assert returned["dealer_back_office_state"] == "returned" and returned["dealer_return_reason"] == "请补充收货地址"
