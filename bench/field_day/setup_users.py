# Run inside `odoo-bin shell` by bench/field_day.sh: the field team of the
# load test in the served database, made once (users fd_sp_NNN, fd_mgr_N,
# fd_bo_N, password = login): FIELD_DAY_SALESPEOPLE salespeople in teams of
# 25, each led by one of the managers, each with 20 customers pinned around
# Shanghai; the back office; the public pool 压测公海 of the team's channel
# (3 claims a member a day), filled up to 5 waiting customers a salesperson
# at each run. Existing ones are kept.
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

# The pool the salespeople claim from: its own channel, so that it takes no other customer.
channel = env["dealer.channel"].search([("name", "=", "压测渠道")]) or env["dealer.channel"].create({"name": "压测渠道"})
pool = env["dealer.pool"].search([("name", "=", "压测公海")]) or env["dealer.pool"].create({
    "name": "压测公海", "sequence": 1, "channel_ids": [Command.set(channel.ids)], "daily_claim_limit": 3,
    "manager_user_ids": [Command.set([manager.id for manager in managers])],
})
pool.member_team_ids = [Command.set(env["crm.team"].search([("name", "like", "压测%组")]).ids)]
waiting = env["res.partner"].search_count([("pool_id", "=", pool.id)])
missing = 5 * salespeople_count - waiting
if missing > 0:
    start = env["res.partner"].search_count([("dealer_channel_id", "=", channel.id)])
    customers = env["res.partner"].with_user(managers[0]).create([{
        "name": f"压测公海客户{start + k:05d}", "is_company": True, "is_dealer": True, "user_id": managers[0].id,
        "dealer_channel_id": channel.id, "partner_latitude": 31.20 + (k % 40) * 0.002,
        "partner_longitude": 121.45 + (k // 40 % 40) * 0.002,
    } for k in range(missing)])
    customers.with_user(managers[0]).action_pool_release(pool.id, "压测")
env.cr.commit()
print(f"field day team: {salespeople_count} salespeople, {managers_count} managers, 1 back office, "
      f"{max(missing, 0) + waiting} customers waiting in pool {pool.id}")
