#!/usr/bin/env bash
# make run: start the development instance under var/ and say how to use it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${1:-8080}
bash "$ROOT/deploy/local/instance.sh" start var "$PORT"
"$ROOT/build/portalctl" --config "$ROOT/var/portal.conf" seed-demo >/dev/null
# a registry to look at: 500 generated children, on the first run only
if [ "$(mariadb --socket="$ROOT/var/run/mysqld.sock" -uroot -N -B portal \
        -e 'SELECT COUNT(*) FROM children' 2>/dev/null || echo 0)" = 0 ]; then
    "$ROOT/build/portalctl" --config "$ROOT/var/portal.conf" seed --children 500 >/dev/null
fi
# the village child directors and the township's child supervisor (issue 15)
for u in "cunzhuren|龙潭镇第一村儿童主任（示例）|village_director|500242101001|Cunzhuren#2026portal" \
         "cunzhuren2|龙潭镇第二村、第三社区儿童主任（示例）|village_director|500242101000|Cunzhuren2#2026portal" \
         "dudao|龙潭镇儿童督导员（示例）|child_supervisor|500242101000|Dudao#2026portal"; do
    IFS='|' read -r name display role division pw <<<"$u"
    "$ROOT/build/portalctl" --config "$ROOT/var/portal.conf" user add "$name" --display-name "$display" \
        --role "$role" --division "$division" --org lt_gov --password "$pw" >/dev/null 2>&1 || true
done
# the links of demo children to the demo institutions, and the modules' demo
# data (partner organisation, assignments) over those children
"$ROOT/build/portalctl" --config "$ROOT/var/portal.conf" seed-demo --modules >/dev/null
# applications waiting for township2, county and canlian, made through the portal
bash "$ROOT/deploy/local/demo_flow.sh" "$ROOT" "$PORT"
# the supervision indicators over the demo data, the last twelve months (issue 16)
"$ROOT/build/portalctl" --config "$ROOT/var/portal.conf" job run supervision.indicators >/dev/null || true
# a county leader who reads the supervision figures (issue 16)
"$ROOT/build/portalctl" --config "$ROOT/var/portal.conf" user add lingdao --display-name 县领导（示例） \
    --role county_leader --division 500242000000 --org mz --password 'Lingdao#2026portal' >/dev/null 2>&1 || true
cat <<MSG

酉阳县困境儿童保障工作平台 is running: http://127.0.0.1:$PORT/

Demo accounts (demo data only):
  admin     Admin#2026portal     系统管理员 (runs the site)
  secadmin  Secadmin#2026portal  安全管理员 (users and roles)
  auditor   Audit#2026portal     审计员 (reads the audit log)
  township  Town#2026portal      龙潭镇工作人员 (registry of 龙潭镇)
  county    County#2026portal    县民政局 (whole county; partner organisations; may export full ID numbers)
  township2 Town2#2026portal     龙潭镇审核员 (passes the steps township applied for)
  county2   County2#2026portal   县民政局复核员 (locks what county reviewed)
  ngoadmin  Ngoadmin#2026portal  示例社会组织管理员 (its own partner accounts)
  modadmin  Modadmin#2026portal  模块管理员 of 基本生活保障 (its settings and working
                                 permissions: /admin/settings/living)
  ngo       Ngo#2026portal       示例社会组织 (sees only the children assigned or referred to it)
Village child directors (儿童主任, /village; their pages work on a phone):
  cunzhuren   Cunzhuren#2026portal   龙潭镇第一村
  cunzhuren2  Cunzhuren2#2026portal  龙潭镇第二村 and 第三社区 (a township account that sees
                                     exactly its two villages, in every module)
  dudao       Dudao#2026portal       龙潭镇儿童督导员 (surveys, overdue visits, reports)
County departments (the whole county, by division):
  jiaowei   Jiaowei#2026portal   县教委
  weijian   Weijian#2026portal   县卫健委
  renshe    Renshe#2026portal    县人社局
  gongan    Gongan#2026portal    县公安局
  canlian   Canlian#2026portal   县残联
  fuer      Fuer#2026portal      县妇儿工委办
  yibao     Yibao#2026portal     县医保局
Institutions (only the children linked to them; one demo child each):
  school    School#2026portal    龙潭镇中心小学 (children enrolled there)
  hospital  Hospital#2026portal  县人民医院 (children referred to it)
  rehab     Rehab#2026portal     县儿童康复服务中心 (children referred to it)
  welfare   Welfare#2026portal   县儿童福利院 (children referred to it)
  police    Police#2026portal    龙潭派出所 (children of the reports sent to it)
The three administrator accounts and ngoadmin must enrol a TOTP authenticator
at first login (any RFC 6238 app; the secret is shown as text).

Payments: township posted a demo batch (2026年11月孤儿基本生活费) at /payments/batch;
county reviews it and county2 locks it (separation of duties: the poster does not
review, the reviewer does not lock). Workflows: township applies, township2 passes the
township's step, county decides; 通过, 不予批准 and 锁定 ask for a confirmation box.
Demo applications wait at each level; each user's home page lists what waits for them:
/living three for township2, two for county; /medical and /rehab one each for township2
and one each for county (canlian too for /rehab). The medical one pays the demo hospital:
county registers its bank account at /medical/hospitals before approving.
/education/dropouts: jiaowei's scan of 龙潭镇 opened 控辍保学 cases for township's home visits.
一门受理 (/village/intake): township took two families' requests at the window; each need waits
in its department's /inbox (county 基本生活, jiaowei 教育, canlian 康复, gongan 户口); yibao answered one.

Rehabilitation (残疾儿童康复, demo data): canlian at /rehab (a screening round of 龙潭镇,
providers at /rehab/providers: register their bank accounts before settling /rehab/claims);
hospital sees its referred child at /rehab/referrals; rehab records months at /rehab/provider.
Child protection (监护与安全保护): school files a 强制报告 about a pupil; township (also a
protection worker) takes the case from /inbox; county (also the county protection staff) reads
the reporter; police acknowledges; /guardianship/stats; demo state guardianship: welfare's child.

Supervision (督查考核, /supervision): county (县民政局) sees the indicators by township,
issues the monthly bulletin and sets the appraisal weights (/admin/settings/supervision);
lingdao  Lingdao#2026portal  县领导 reads them; township sees 龙潭镇 and the county total.

Personal information (儿童个人信息保护): every export asks its purpose and is in the register
(/privacy/exports); a large export with full ID numbers waits for county2's approval; the
guardian's copy and the sharing register are on each child's file; /privacy/retention shows
what the archive job takes next month. Periodic jobs: /admin/jobs (admin).

Organisations apply without an account at http://127.0.0.1:$PORT/volunteer/apply
Demo data: 500 generated children (synthetic names and ID numbers) in synthetic villages.
Logs: var/log/   Configuration: var/portal.conf   Stop: make stop
MSG
