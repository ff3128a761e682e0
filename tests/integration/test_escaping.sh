# Hostile input is shown escaped in every kind of place a template puts it:
# element text, attribute values, textarea, the page title, URLs, stored rows,
# flash messages and the login form's echoed username.
jar=$(login admin 'Admin#2026portal')
evil='<script>alert(1)</script>"'"'"'&x=<img src=x onerror=alert(2)>'
req GET /_test/echo -b "$jar" -G --data-urlencode "v=$evil"
check "the echo page renders" status_is 200
check "no raw <script> in the page" body_lacks "<script>alert(1)"
check "no raw <img onerror> in the page" body_lacks "<img src=x"
check "element text is escaped" grep -qF '<p id="echo-text">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;x=' "$OUT/body"
check "the title is escaped" grep -qF '<title>&lt;script&gt;' "$OUT/body"
check "attribute values are escaped (quotes cannot break out)" grep -qF 'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;' "$OUT/body"
check "textarea content is escaped" grep -qF '<textarea id="echo-area" name="area">&lt;script&gt;' "$OUT/body"
check "URL parameters are percent-encoded" grep -qF 'href="/_test/echo?v=%3Cscript%3Ealert' "$OUT/body"

tok=$(csrf_of_body)
req POST /_test/note -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" --data-urlencode "body=$evil"
check "a hostile note is accepted as text" status_is 303
check "it is stored exactly as typed" [ "$(sql "SELECT body FROM test_notes ORDER BY id DESC LIMIT 1")" = "$evil" ]
req GET /_test/echo -b "$jar"
check "the stored row is shown escaped" cells_has '<td class="note">&lt;script&gt;alert(1)'
check "the flash message is shown escaped" grep -qF '<p class="flash" role="status">已保存：&lt;script&gt;' "$OUT/body"
check "nothing stored came back raw" body_lacks "<script>alert(1)"

req GET /login -G --data-urlencode "username=$evil" --data-urlencode 'next="><script>alert(3)</script>'
check "the login form escapes the echoed username" grep -qF 'value="&lt;script&gt;alert(1)' "$OUT/body"
check "the login form does not echo a hostile next path" body_lacks "alert(3)"

# ClearSilver's alt: prints its value as it is, without the page's escaping
# (cs.c alt_eval): no template may use it.  The emergency form printed what
# the user had typed through alt: when it was shown again: now escaped
check "no template prints a value through alt: or uvar:" \
    eval '! grep -rnE "<\?cs (alt|uvar):" "$ROOT"/templates "$ROOT"/modules/*/templates'
hostile='2026-01"><script>alert(4)</script>'
tag=$(date +%s%N | tail -c 7)
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('esch$tag', '转义医院$tag', 'hospital', '500242000000')"
add_user "esch$tag" --display-name 转义医生 --role hospital_staff --division 500242000000 --org "esch$tag" --password 'Xyz#2026portal'
hjar=$(login "esch$tag" 'Xyz#2026portal' "$OUT/jar.esc-hosp")
req GET /medical/emergencies -b "$hjar"
tok=$(csrf_of_body)
req POST /medical/emergencies -b "$hjar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
    --data reason=unidentified --data-urlencode "description=测试" --data-urlencode "found_on=$hostile"
check "the emergency form shows a hostile date again escaped" \
    eval 'body_lacks "<script>alert(4)" && grep -qF "value=\"2026-01&quot;&gt;&lt;script&gt;" "$OUT/body"'
