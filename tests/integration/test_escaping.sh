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
