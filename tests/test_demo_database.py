"""The demo database that `make run` serves: Chinese, CNY, Asia/Shanghai, and
each role seeing its own customers."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from conftest import RpcError

DEALERS = [("is_dealer", "=", True), ("is_company", "=", True)]


def test_demo_users_speak_chinese(login):
    for name in ("zhangwei", "wangjianguo", "sunli", "admin"):
        user = login(name, "admin" if name == "admin" else None)
        assert user.context["lang"] == "zh_CN", name
        assert user.context["tz"] == "Asia/Shanghai", name


def test_demo_users_land_on_their_roles_page(login):
    """My Day for the salespeople, the dashboard for the manager and the
    administrator, the Order Desk for the back office."""
    admin = login("admin", "admin")

    def action_id(xml_id):
        return admin.call("ir.model.data", "check_object_reference", *xml_id.split("."))[1]

    my_day = action_id("dealer_crm_field.dealer_agenda_action_server")
    dashboard = action_id("dealer_crm_reports.dealer_sales_dashboard_action")
    pages = {"zhangwei": my_day, "zhaolei": my_day, "wangjianguo": dashboard, "admin": dashboard,
             "sunli": action_id("dealer_crm_sale.sale_order_action_dealer_order_desk")}
    for name, page in pages.items():
        assert login(name, "admin" if name == "admin" else None).session_info()["home_action_id"] == page, name


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


def test_demo_has_four_weeks_of_visits(login):
    """Every demo salesperson visited their customers over the four weeks
    before the demo was made: the check-in report and the dashboard's
    check-in card show it. (Other tests check in today.)"""
    shanghai = ZoneInfo("Asia/Shanghai")
    today = datetime.now(shanghai).date()
    zhang = login("zhangwei")
    rows = [row for row in zhang.call(
        "dealer.checkin.report", "search_read", [("kind", "=", "checkin")], ["date", "user_id", "checkin_id"],
    ) if datetime.fromisoformat(row["date"]).replace(tzinfo=timezone.utc).astimezone(shanghai).date() < today]
    assert rows and all(row["user_id"][0] == zhang.uid for row in rows)
    days = {datetime.fromisoformat(row["date"]).replace(tzinfo=timezone.utc).astimezone(shanghai).date()
            for row in rows}
    assert all((today - day).days <= 28 and day.weekday() != 6 for day in days), sorted(days)
    assert {((today - day).days - 1) // 7 for day in days} == {0, 1, 2, 3}, "each of the last four weeks"
    assert len(days) >= 15, "on most working days"
    checkin_ids = [row["checkin_id"][0] for row in rows]
    followups = zhang.call("dealer.followup", "search_count", [("checkin_id", "in", checkin_ids)])
    assert followups >= len(rows) // 2, "most visits have a follow-up"
    [checkin] = zhang.call("dealer.checkin", "read", checkin_ids[:1], ["photo_ids", "duration"])
    assert len(checkin["photo_ids"]) == 1 and 20 <= checkin["duration"] <= 90, checkin
    [photo] = zhang.call("dealer.checkin.photo", "read", checkin["photo_ids"], ["capture_gap_minutes", "is_stale"])
    assert (photo["capture_gap_minutes"], photo["is_stale"]) == (0.0, False), "developed for the visit's time"

    admin = login("admin", "admin")
    group = admin.call("ir.model.data", "check_object_reference", "dealer_crm", "group_dealer_salesperson")[1]
    salespeople = admin.call("res.users", "search", [("group_ids", "in", [group])])
    visits = {row["user_id"][0]: row["visit_count:sum"] for row in admin.call(
        "dealer.checkin.report", "formatted_read_group", [("kind", "=", "checkin")], ["user_id"], ["visit_count:sum"])}
    assert all(visits.get(user, 0) >= 15 for user in salespeople), visits
    manager = login("wangjianguo")
    card = {kpi["key"]: kpi for kpi in manager.call("dealer.sales.dashboard", "get_dashboard")["kpis"]}["checkin_count"]
    assert card["value"] + card["previous"] > 0, card
