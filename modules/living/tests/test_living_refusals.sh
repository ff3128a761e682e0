# Refusals decided inside living's handlers are audited (issue 22 item 3).
# The payment pages refuse an account without a jurisdiction (403): the
# schema makes one hard to come by (users.division_code is a foreign key), so
# the test blanks one with the foreign key checks off - the handler must
# still answer 403 in Chinese AND leave an audit row "deny".  Out-of-scope
# objects (a grant, a child's account) answer an audited 404.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'

add_user "lz_$tag" --display-name 无辖区县级 --role county_staff --division 500242000000 --org mz --password "$PW"
sql "SET FOREIGN_KEY_CHECKS=0; UPDATE users SET division_code='' WHERE username='lz_$tag'"
zj=$(login "lz_$tag" "$PW" "$OUT/jar.z")
for page in payments rechecks overdue; do
    req GET "/living/$page" -b "$zj"
    check "/living/$page: 403 for an account without a jurisdiction" status_is 403
    check "/living/$page: in Chinese" body_has "您的账户没有辖区"
done
check "the payments refusal is audited" [ "$(denials_of "lz_$tag" living.months)" = 1 ]
check "the rechecks refusal is audited" [ "$(denials_of "lz_$tag" living.rechecks)" = 1 ]
check "the overdue refusal is audited" [ "$(denials_of "lz_$tag" living.overdue)" = 1 ]
req GET /living/payments/2026-03 -b "$zj"
check "a month's list: 403" status_is 403
check "a month's list: audited" [ "$(denials_of "lz_$tag" living.month)" = 1 ]
sql "UPDATE users SET division_code='500242000000' WHERE username='lz_$tag'"

# a township user on a child of another township: the payment account
c=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at) VALUES ('拒绝测试童$tag', 1, '2015-01-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
add_user "lo_$tag" --display-name 他镇 --role township_staff --division 500242102000 --org mz --password "$PW"
oj=$(login "lo_$tag" "$PW" "$OUT/jar.o")
post "/living/children/$c/account" "$oj" --data-urlencode "payee=某人" --data-urlencode "bank=农商行" --data "account=6210000000000000"
check "an account for a child of another township: 404" status_is 404
check "audited" [ "$(denials_of "lo_$tag" "$c")" = 1 ]
check "and nothing stored" [ "$(sql "SELECT COUNT(*) FROM pay_payees WHERE child_id=$c")" = 0 ]
