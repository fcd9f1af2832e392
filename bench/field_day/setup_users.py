# Run inside `odoo-bin shell` by bench/field_day.sh: the field team of the
# load test in the served database, made once (users fd_sp_NNN, fd_mgr_N,
# fd_bo_N, password = login): FIELD_DAY_SALESPEOPLE salespeople in teams of
# ten, each led by one of the managers, each with 20 customers pinned around
# Shanghai; the back office. Existing ones are kept.
import os

from odoo import Command

salespeople_count = int(os.environ.get("FIELD_DAY_SALESPEOPLE", "200"))
managers_count = max(1, salespeople_count // 25)
Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
base = env.ref("base.group_user")


def user(login, name, *groups):
    found = Users.search([("login", "=", login)])
    if found:
        return found
    return Users.create({
        "login": login, "password": login, "name": name, "tz": "Asia/Shanghai", "lang": "zh_CN",
        "group_ids": [Command.set((base | env["res.groups"].browse([env.ref(g).id for g in groups])).ids)],
    })


managers = [user(f"fd_mgr_{n}", f"压测经理{n}", "dealer_crm.group_dealer_manager") for n in range(managers_count)]
user("fd_bo_0", "压测内勤0", "dealer_crm.group_dealer_back_office")
for n in range(salespeople_count):
    salesperson = user(f"fd_sp_{n:03d}", f"压测销售{n:03d}", "dealer_crm.group_dealer_salesperson")
    if not env["res.partner"].search_count([("user_id", "=", salesperson.id), ("is_dealer", "=", True)]):
        env["res.partner"].with_user(salesperson).create([{
            "name": f"压测客户{n:03d}-{k:02d}", "is_company": True, "is_dealer": True, "user_id": salesperson.id,
            "partner_latitude": 31.20 + (n % 20) * 0.004 + k * 0.0003,
            "partner_longitude": 121.45 + (n // 20) * 0.004 + k * 0.0003,
        } for k in range(20)])
for index, manager in enumerate(managers):
    members = Users.search([("login", "like", "fd_sp_%")], order="login")[index * 25:(index + 1) * 25]
    team = env["crm.team"].search([("name", "=", f"压测{index}组")]) or env["crm.team"].create(
        {"name": f"压测{index}组", "user_id": manager.id})
    team.member_ids = [Command.set(members.ids)]
env.cr.commit()
print(f"field day team: {salespeople_count} salespeople, {managers_count} managers, 1 back office")
