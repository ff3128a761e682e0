# The request layer through Apache: statuses, limits, encodings, headers, static files.
req GET /hello
check "GET /hello answers 200 without the database" status_is 200
check "/hello is the portal's text" body_has "你好，酉阳"

req GET /healthz
check "/healthz answers 200 while the database answers" status_is 200

req GET /login
check "login page is served in Chinese" body_has "登录"
check "pages carry a CSP with frame-ancestors" header_has "frame-ancestors 'none'"
check "pages carry nosniff" header_has "X-Content-Type-Options: nosniff"
check "pages are not stored by caches" header_has "Cache-Control: no-store"
check "the pre-session CSRF cookie is HttpOnly and SameSite=Strict" header_has "HttpOnly; SameSite=Strict"

req GET /no/such/page
check "an unknown path is 404" status_is 404
check "the 404 page is in Chinese" body_has "页面不存在"

req DELETE /login
check "DELETE is 405" status_is 405
req POST /hello --data "a=b"
check "POST on a GET route is 405" status_is 405
check "405 says which methods are allowed" header_has "Allow:"

# 11 MB body: over max_body (10 MB) -> 413 from the portal (Apache allows 12 MB)
head -c 11000000 /dev/zero | tr '\0' 'a' >"$OUT/big"
req POST /login --data-binary @"$OUT/big" -H "Content-Type: application/x-www-form-urlencoded"
check "a body over max_body is 413" status_is 413
check "the 413 page explains in Chinese" body_has "提交的内容过长，请缩短后重试。"

# one field over max_field_len (64 KB)
{ printf 'username='; head -c 70000 /dev/zero | tr '\0' 'a'; } >"$OUT/long"
req POST /login --data-binary @"$OUT/long" -H "Content-Type: application/x-www-form-urlencoded"
check "a field over max_field_len is 413" status_is 413
check "the too-long page explains in Chinese" body_has "内容过长"

req GET "/login?username=%ff%fe"
check "invalid UTF-8 in the query is 400" status_is 400
check "the 400 page explains the encoding in Chinese" body_has "无效字符"
req GET "/login?username=a%00b"
check "a NUL byte in the query is 400" status_is 400

fields=$(for i in $(seq 1 300); do printf 'f%d=1&' "$i"; done)
req POST /login --data "$fields"
check "more than max_fields fields is 400" status_is 400
check "the too-many-fields page explains in Chinese" body_has "字段过多"

# multipart with an upload larger than max_upload (8 MB)
head -c 9000000 /dev/urandom >"$OUT/upload.bin"
req POST /login -F "username=x" -F "file=@$OUT/upload.bin"
check "an upload over max_upload is 413" status_is 413

req GET /static/portal.css
check "static files are served by Apache" status_is 200
check "static CSS has the right type" header_has "text/css"

req GET /
check "a protected page redirects an anonymous user" status_is 303
check "the redirect goes to login with next" header_has "Location: /login?next=%2F"
