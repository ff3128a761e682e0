# An export to another department whose purpose note is as long as the
# purpose form allows (200 characters) leaves, with the whole note in the
# export register and in the sharing register's basis ("<purpose>：<note>").
# The hostile replay (seed 1796161296) found GET /education/disabled.xlsx
# answering 503: the basis column held 200 characters, fewer than the
# purpose's title, "：" and a full note (the insert failed, the request was
# doomed).  One character more than the form allows is still refused, in
# Chinese, with nothing registered.
tag=$(date +%s%N | tail -c 7)
PW='Basis#2026portal'
add_user "eb$tag" --display-name 县教委乙 --role county_staff --division 500242000000 --org mz --password "$PW"
ej=$(login "eb$tag" "$PW")
uid=$(sql "SELECT id FROM users WHERE username = 'eb$tag'")
regs() { sql "SELECT COUNT(*) FROM export_register WHERE user_id = $uid"; }
note=$(printf '协查%.0s' $(seq 1 100))   # 200 characters

req GET /education/disabled.xlsx -b "$ej" -G --data-urlencode purpose=dept_assist \
    --data-urlencode "recipient=县公安局$tag" --data-urlencode "purpose_note=$note"
check "a full purpose note to another department: the export leaves (200)" \
    eval 'status_is 200 && header_has "spreadsheetml"'
reg=$(sql "SELECT MAX(id) FROM export_register WHERE user_id = $uid")
check "... the register keeps the whole note" \
    same "$(sql "SELECT CHAR_LENGTH(purpose_note) FROM export_register WHERE id = ${reg:-0}")" 200
check "... the sharing register's basis is the purpose and the whole note" \
    same "$(sql "SELECT basis FROM disclosures WHERE export_id = ${reg:-0}")" "部门协查：$note"

n=$(regs)
req GET /education/disabled.xlsx -b "$ej" -G --data-urlencode purpose=dept_assist \
    --data-urlencode "recipient=县公安局$tag" --data-urlencode "purpose_note=${note}查"
check "a note of 201 characters is refused on the purpose form, in Chinese" \
    eval 'status_is 200 && body_has "用途说明最多 200 个字" && ! header_has "spreadsheetml"'
check "... and nothing is registered" same "$(regs)" "$n"
