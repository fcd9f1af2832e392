"""The demo database that `make run` serves: Chinese, CNY, Asia/Shanghai, and
each role seeing its own customers."""
import pytest

from conftest import RpcError

DEALERS = [("is_dealer", "=", True), ("is_company", "=", True)]


def test_demo_users_speak_chinese(login):
    for name in ("zhangwei", "wangjianguo", "sunli", "admin"):
        user = login(name, "admin" if name == "admin" else None)
        assert user.context["lang"] == "zh_CN", name
        assert user.context["tz"] == "Asia/Shanghai", name


def test_demo_company_is_in_cny(login):
    user = login("zhangwei")
    [me] = user.call("res.users", "read", [user.uid], ["company_id"])
    [company] = user.call("res.company", "read", [me["company_id"][0]], ["currency_id", "name"])
    assert company["currency_id"][1] == "CNY"
    assert company["name"] == "宏达五金制造有限公司"


def test_demo_master_data_and_customers(login):
    admin = login("admin", "admin")
    assert admin.call("res.partner", "search_count", DEALERS) >= 40
    regions = admin.call("dealer.region", "search_read", [], ["complete_name"])
    assert "华东区 › 上海 › 浦东" in [region["complete_name"] for region in regions]
    channels = {c["name"] for c in admin.call("dealer.channel", "search_read", [], ["name"])}
    assert {"五金市场", "建材市场", "电商", "工程渠道"} <= channels
    contacts = admin.call("res.partner", "search_count", [("is_dealer", "=", True), ("is_company", "=", False)])
    assert contacts >= 40


def test_salesperson_sees_only_own_and_unowned_customers(login):
    zhang = login("zhangwei")
    customers = zhang.call("res.partner", "search_read", DEALERS, ["user_id", "dealer_code"])
    assert customers
    assert all(not c["user_id"] or c["user_id"][0] == zhang.uid for c in customers)
    assert all(c["dealer_code"].startswith("KH") for c in customers)
    admin = login("admin", "admin")
    others = admin.call("res.partner", "search", DEALERS + [("user_id", "not in", [zhang.uid, False])], limit=1)
    with pytest.raises(RpcError) as error:
        zhang.call("res.partner", "read", others, ["name"])
    assert error.value.name == "odoo.exceptions.AccessError"


def test_manager_sees_the_teams_customers_and_back_office_all(login):
    zhang = login("zhangwei")
    manager = login("wangjianguo")
    clerk = login("sunli")
    own = zhang.call("res.partner", "search_count", DEALERS)
    team = manager.call("res.partner", "search_count", DEALERS)
    everything = clerk.call("res.partner", "search_count", DEALERS)
    assert own < team < everything
    assert everything == login("admin", "admin").call("res.partner", "search_count", DEALERS)
    some = clerk.call("res.partner", "search", DEALERS, limit=1)
    with pytest.raises(RpcError):
        clerk.call("res.partner", "write", some, {"phone": "000"})


def test_menus_are_translated(login):
    zhang = login("zhangwei")
    response = zhang.session.get(f"{zhang.url}/web/webclient/load_menus", timeout=60)
    response.raise_for_status()
    menus = response.json()
    names = {menu["name"] for menu in menus.values() if isinstance(menu, dict) and "name" in menu}
    assert "经销商CRM" in names
    assert "客户" in names
