# Module settings and module administrators (issue 10 part 5), through the
# browser's HTTP: the system administrator names a module administrator of
# the testkit module; the module administrator sets a money value from a
# future date (today's value unchanged, the new one on that date, history,
# audit), is refused bad input (Chinese error, nothing stored) and another
# module's settings (audited 404), adds and retires a lookup entry, grants
# and revokes the module's working permission and is refused an
# administrator's permission or another module's.  Sourced by tests/run.sh.

sfx=$(date +%s%N | tail -c 7)
PW='Modadmin#2026portal'
MA="madm$sfx"; WK="wk$sfx"
add_user "$MA" --display-name 测试模块管理员 --role module_admin --division 500242000000 --org mz --password "$PW"
add_user "$WK" --display-name 测试工作人员 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
uid() { sql "SELECT id FROM users WHERE username='$1'"; }
values() { sql "SELECT COUNT(*) FROM setting_values WHERE module='testkit' AND code='$1'"; }

# ------------------------------------------------ the system administrator names him
aj=$(login admin 'Admin#2026portal' "$OUT/jar.sa")
req GET /admin/module-admins -b "$aj"
check "the system administrator opens the module administrators page" status_is 200
check "it offers the testkit module" body_has '<option value="testkit">测试工具</option>'
check "it offers no house module" body_lacks 'value="admin"'
post /admin/module-admins "$aj" --data-urlencode module=admin --data-urlencode "username=$MA"
check "the admin module has no module administrators (Chinese error)" body_has '请选择模块。'
post /admin/module-admins "$aj" --data-urlencode module=testkit --data-urlencode "username=$MA"
check "naming a module administrator answers 303" status_is 303
check "the module_admins row is stored" same "$(sql "SELECT COUNT(*) FROM module_admins WHERE module='testkit' AND user_id=$(uid "$MA")")" 1
check "naming him is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='settings.admin.add' AND object_id='$(uid "$MA")' AND detail='module=testkit'")" 1

# ------------------------------------------------ his page
mj=$(login "$MA" "$PW" "$OUT/jar.ma")
req GET /admin/settings -b "$mj"
check "the module administrator's menu offers 模块设置" body_has 'href="/admin/settings"'
check "his list shows the testkit module" body_has 'href="/admin/settings/testkit">测试工具</a>'
req GET /admin/settings/testkit -b "$mj"
check "the settings page opens" status_is 200
check "it shows today's value in yuan with its unit" body_has '1651.00 元/人·月'
check "a ratio is shown as a percentage" body_has '70.00 %'
today=$(sed -n 's/.*今天是 \([0-9-]*\)。.*/\1/p' "$OUT/body" | head -n1)
future=$(date -u -d "$today + 30 days" +%F); eve=$(date -u -d "$today + 29 days" +%F)
check "the page says what today is" [ -n "$today" ]

# ------------------------------------------------ a money value from a future date
post /admin/settings/testkit/value "$mj" --data-urlencode code=allowance --data-urlencode value=1800.50 \
    --data-urlencode "valid_from=$future" --data-urlencode "note=渝民规〔2026〕1号"
check "a new value from a future date answers 303" status_is 303
check "it is stored in fen" same "$(sql "SELECT value FROM setting_values WHERE module='testkit' AND code='allowance' AND valid_from='$future'")" 180050
check "it is audited with the date and the value" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='settings.value' AND object_id='testkit.allowance' AND detail='valid_from=$future value=180050'")" 1
req GET /admin/settings/testkit -b "$mj"
check "today's value is still the old one" cells_has '<td class="current">1651.00 元/人·月</td>'
check "the history shows the new value, waiting" body_has "自 $future 起 1800.50 元/人·月（待生效）"
check "the history shows the basis and who entered it" body_has "依据：渝民规〔2026〕1号；$MA"
req GET "/_test/setting?code=allowance" -b "$aj"
check "the service gives today's value (the default)" body_has 'int=165100'
req GET "/_test/setting?code=allowance&on=$eve" -b "$aj"
check "the service gives the old value the day before" body_has 'int=165100'
req GET "/_test/setting?code=allowance&on=$future" -b "$aj"
check "the service gives the new value from its date" sh -c "grep -qF 'int=180050' '$OUT/body' && grep -qF 'text=180050' '$OUT/body'"
post /admin/settings/testkit/value "$mj" --data-urlencode code=allowance --data-urlencode value=1900 \
    --data-urlencode "valid_from=$future"
req GET "/_test/setting?code=allowance&on=$future" -b "$aj"
check "a correction for the same day is a new row that wins" body_has 'int=190000'
check "the corrected row is kept in the history" same "$(values allowance)" 2

# ------------------------------------------------ bad input: a Chinese error, nothing stored
for bad in 12.345 abc -5 ''; do
    post /admin/settings/testkit/value "$mj" --data-urlencode code=allowance --data-urlencode "value=$bad" \
        --data-urlencode "valid_from=$future"
    check "money '$bad' is refused with a Chinese message" sh -c "[ $STATUS = 400 ] && grep -qF '金额须为元，最多两位小数' '$OUT/body'"
done
check "nothing was stored for the bad amounts" same "$(values allowance)" 2
post /admin/settings/testkit/value "$mj" --data-urlencode code=ratio --data-urlencode value=120 \
    --data-urlencode "valid_from=$today"
check "a ratio over 100% is refused" body_has '比例须为 0 到 100 之间的百分数'
post /admin/settings/testkit/value "$mj" --data-urlencode code=limit_days --data-urlencode value=1.5 \
    --data-urlencode "valid_from=$today"
check "a fractional number of days is refused" body_has '天数须为 0 到 3650 之间的整数'
post /admin/settings/testkit/value "$mj" --data-urlencode code=allowance --data-urlencode value=100 \
    --data-urlencode "valid_from=2026-02-30"
check "an impossible date is refused" status_is 400
post /admin/settings/testkit/value "$mj" --data-urlencode code=nosuch --data-urlencode value=1 \
    --data-urlencode "valid_from=$today"
check "an undeclared setting is refused" body_has '请选择要修改的设置项'
check "nothing was stored for the bad ratio, days or code" same "$(sql "SELECT COUNT(*) FROM setting_values WHERE module='testkit' AND code<>'allowance'")" 0
post /admin/settings/testkit/value "$mj" --data-urlencode code=ratio --data-urlencode value=62.5 \
    --data-urlencode "valid_from=$today"
req GET "/_test/setting?code=ratio" -b "$aj"
check "a percentage is stored as basis points and in force today" body_has 'int=6250'
req GET "/_test/setting?code=basis" -b "$aj"
check "a text setting has no number" sh -c "grep -qF 'int=none' '$OUT/body' && grep -qF 'text=渝民规〔2025〕6号' '$OUT/body'"

# ------------------------------------------------ another module's settings
n0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='module' AND object_id='living' AND user_id=$(uid "$MA")")
living0=$(sql "SELECT COUNT(*) FROM setting_values WHERE module='living'")  # living's rates (its migration 003)
req GET /admin/settings/living -b "$mj"
check "another module's settings page is a 404" status_is 404
post /admin/settings/living/value "$mj" --data-urlencode code=allowance --data-urlencode value=1 \
    --data-urlencode "valid_from=$today"
check "another module's settings cannot be changed (404)" status_is 404
check "both refusals are audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='module' AND object_id='living' AND user_id=$(uid "$MA")")" $((n0 + 2))
check "nothing was stored for living" same "$(sql "SELECT COUNT(*) FROM setting_values WHERE module='living'")" "$living0"
wj=$(login "$WK" "$PW" "$OUT/jar.wk")
req GET /admin/settings/testkit -b "$wj"
check "a user who administers no module is refused (403)" status_is 403

# ------------------------------------------------ a lookup: add, retire from a date
post /admin/settings/testkit/lookup "$mj" --data-urlencode kind=hospital --data-urlencode "code=H$sfx" \
    --data-urlencode "c1=酉阳县人民医院" --data-urlencode c2=二级甲等 --data-urlencode "valid_from=$today"
check "a lookup entry is added (303)" status_is 303
lid=$(sql "SELECT id FROM lookup_entries WHERE module='testkit' AND kind='hospital' AND code='H$sfx'")
check "its addition is audited" same "$(audits settings.lookup.add "$lid")" 1
post /admin/settings/testkit/lookup "$mj" --data-urlencode kind=hospital --data-urlencode "code=H$sfx" \
    --data-urlencode "c1=重名" --data-urlencode "valid_from=$today"
check "a code used before is refused in Chinese" body_has '该编码已经用过'
post /admin/settings/testkit/lookup "$mj" --data-urlencode kind=hospital --data-urlencode "code=X$sfx" \
    --data-urlencode "valid_from=$today"
check "an entry without its name is refused in Chinese" body_has '请填写医院名称。'
check "nothing was stored for the refused entries" same "$(sql "SELECT COUNT(*) FROM lookup_entries WHERE module='testkit' AND code IN ('X$sfx') OR c1='重名'")" 0
req GET "/_test/setting?code=allowance" -b "$aj"
check "the lookup service lists the entry in force" body_has "entry=H$sfx:酉阳县人民医院:二级甲等"
post "/admin/settings/testkit/lookup/$lid/retire" "$mj" --data-urlencode "valid_to=$future"
check "the entry is retired from a date (303)" status_is 303
check "its retirement is audited" same "$(audits settings.lookup.retire "$lid")" 1
req GET "/_test/setting?code=allowance&on=$eve" -b "$aj"
check "the entry is still in force the day before" body_has "entry=H$sfx:"
req GET "/_test/setting?code=allowance&on=$future" -b "$aj"
check "the entry is gone from its retirement date" body_lacks "entry=H$sfx:"

# ------------------------------------------------ granting the module's working permission
req GET /_test/echo -b "$wj"
check "the worker lacks testkit.write before the grant" status_is 403
post /admin/settings/testkit/grant "$mj" --data-urlencode "username=$WK" --data-urlencode perm=testkit.write
check "granting a working permission of the module answers 303" status_is 303
check "the grant is stored" same "$(sql "SELECT COUNT(*) FROM user_perms WHERE user_id=$(uid "$WK") AND perm='testkit.write' AND module='testkit'")" 1
check "the grant is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='settings.grant' AND object_id='$(uid "$WK")' AND detail='perm=testkit.write'")" 1
req GET /_test/echo -b "$wj"
check "the worker now holds it" status_is 200
for p in system.admin system.users settings.module living.view; do
    post /admin/settings/testkit/grant "$mj" --data-urlencode "username=$WK" --data-urlencode "perm=$p"
    check "granting $p is refused (403, in Chinese)" sh -c "[ $STATUS = 403 ] && grep -qF '只能授予本模块的工作权限' '$OUT/body'"
done
check "no administrator's or other module's permission was stored" same "$(sql "SELECT COUNT(*) FROM user_perms WHERE user_id=$(uid "$WK") AND perm<>'testkit.write'")" 0
check "the refusals are audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='permission' AND user_id=$(uid "$MA")")" 4
post /admin/settings/testkit/grant "$mj" --data-urlencode "username=$MA" --data-urlencode perm=testkit.child
check "granting himself is refused" status_is 403
req GET /admin/settings/testkit -b "$mj"
check "the page lists the grant" cells_has "<td>$WK</td><td>测试工作人员</td><td>testkit.write</td>"
post /admin/settings/testkit/revoke "$mj" --data-urlencode "user=$(uid "$WK")" --data-urlencode perm=testkit.write
check "revoking answers 303" status_is 303
check "the revocation is audited" same "$(audits settings.revoke "$(uid "$WK")")" 1
req GET /_test/echo -b "$wj"
check "the worker no longer holds it" status_is 403

# ------------------------------------------------ the system administrator removes him
post /admin/module-admins/remove "$aj" --data-urlencode module=testkit --data-urlencode "user=$(uid "$MA")"
check "removing a module administrator answers 303" status_is 303
check "the removal is audited" same "$(audits settings.admin.remove "$(uid "$MA")")" 1
req GET /admin/settings/testkit -b "$mj"
check "a former module administrator is refused" status_is 403
check "the values he set stay (history is never rewritten)" same "$(values allowance)" 2
