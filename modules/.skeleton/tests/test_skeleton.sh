# 新模块 through Apache: the list, a refused form (a Chinese message, nothing
# stored), a record created, viewed, updated, closed, exported; another
# township's record is an audited 404.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@" >/dev/null 2>&1; }
items() { sql "SELECT COUNT(*) FROM skeleton_items WHERE title LIKE '%$tag'"; }

ctl user add "sk_$tag" --display-name 新模块测试 --role township_staff --division 500242101000 --org mz --password "$PW"
j=$(login "sk_$tag" "$PW" "$OUT/jar.sk")
req GET /skeleton -b "$j"
check "the list opens" status_is 200
check "the list is in Chinese" body_has "新建"
req GET /skeleton/new -b "$j"
check "the new form opens with today's date" eval 'status_is 200 && grep -qE "name=\"day\" value=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"" "$OUT/body"'

post /skeleton/new "$j" --data-urlencode "title=记录$tag" --data-urlencode "amount=12.345" --data "day=2026-03-01"
check "a bad amount is refused" status_is 200
check "in Chinese, at its field" body_has "金额须为元，最多两位小数"
check "what was typed is kept" body_has "记录$tag"
check "nothing was stored" [ "$(items)" = 0 ]

post /skeleton/new "$j" --data-urlencode "title=记录$tag" --data-urlencode "amount=120.5" --data "day=2026-03-01"
check "a good form is saved" status_is 303
id=$(loc_id /skeleton)
check "in fen" [ "$(sql "SELECT amount_fen FROM skeleton_items WHERE id='$id'")" = 12050 ]
check "the creation is audited" [ "$(audits skeleton.item.create "$id")" = 1 ]

req GET "/skeleton/$id" -b "$j"
check "the record's page shows yuan" body_has "120.50"
check "and its status label" body_has "办理中"

req GET "/skeleton/$id/edit" -b "$j"
check "the edit form holds the record, in yuan" eval 'status_is 200 && body_has "value=\"120.50\"" && body_has "新模块：修改"'

post "/skeleton/$id/edit" "$j" --data-urlencode "title=改后$tag" --data-urlencode "amount=99" --data "day=2026-03-02"
check "an update is saved" status_is 303
check "in the database" [ "$(sql "SELECT CONCAT(title, '/', amount_fen) FROM skeleton_items WHERE id='$id'")" = "改后$tag/9900" ]

req GET /skeleton/export.csv -b "$j"
check "the export is CSV" header_has "text/csv"
check "with the record in yuan" body_has "改后$tag,99.00"
check "the export is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='skeleton.export' AND username='sk_$tag'")" = 1 ]

post "/skeleton/$id/close" "$j"
check "the record closes" [ "$(sql "SELECT status FROM skeleton_items WHERE id='$id'")" = closed ]
post "/skeleton/$id/close" "$j"
check "closing twice is refused" status_is 409

ctl user add "so_$tag" --display-name 他镇 --role township_staff --division 500242102000 --org mz --password "$PW"
o=$(login "so_$tag" "$PW" "$OUT/jar.so")
req GET "/skeleton/$id" -b "$o"
check "another township's record is 404" status_is 404
check "and the denial is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND username='so_$tag' AND object_id='$id'")" -ge 1 ]
req GET /skeleton/abc -b "$j"
check "a malformed id is 404" status_is 404
