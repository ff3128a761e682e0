# Stored files (ABI 1.5: file_store, file_discard, file_send) through the
# registry's attachments: a phone photo loses its EXIF GPS position before it
# is stored, the type comes from the content, refusals leave neither a row
# nor a file, what is on disk is mode 0600 under a random name, and a file
# changed on disk is never served.

ATT="$TEST_DIR/attachments"
rows() { sql "SELECT COUNT(*) FROM child_attachments"; }
files_on_disk() { find "$ATT" -type f 2>/dev/null | wc -l; }
last_att() { sql "SELECT id FROM child_attachments WHERE child_id=$cid ORDER BY id DESC LIMIT 1"; }
att_col() { sql "SELECT $2 FROM child_attachments WHERE id=$1"; }
in_log() { grep -q -- "$1" "$TEST_DIR/log/portal.log"; }

# test images, generated: a JPEG as a phone writes it (JFIF, EXIF with a GPS
# IFD, XMP, a comment, then the image) and the same JPEG without the metadata;
# a PNG with a tEXt chunk and the same PNG without it
python3 - "$OUT" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
def seg(m, p): return bytes([0xFF, m]) + struct.pack('>H', len(p) + 2) + p
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
def rat(*v): return b''.join(struct.pack('>II', a, b) for a, b in v)
# EXIF: IFD0 holds only the GPSInfo pointer; the GPS IFD a position in Youyang
gps_data = rat((28, 1), (50, 1), (1234, 100)) + rat((108, 1), (46, 1), (5678, 100))
ifd0 = struct.pack('>H', 1) + struct.pack('>HHII', 0x8825, 4, 1, 26) + b'\0\0\0\0'
gps_off = 26
data_off = gps_off + 2 + 4 * 12 + 4
gps = (struct.pack('>H', 4)
       + struct.pack('>HHI', 1, 2, 2) + b'N\0\0\0'
       + struct.pack('>HHII', 2, 5, 3, data_off)
       + struct.pack('>HHI', 3, 2, 2) + b'E\0\0\0'
       + struct.pack('>HHII', 4, 5, 3, data_off + 24) + b'\0\0\0\0')
tiff = b'MM\0*' + struct.pack('>I', 8) + ifd0 + gps + gps_data
exif = b'Exif\0\0' + tiff
xmp = (b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/">'
       b'<exif:GPSLatitude>28,50.2N</exif:GPSLatitude></x:xmpmeta>')
jfif = seg(0xE0, b'JFIF\0\x01\x01\0\0\x01\0\x01\0\0')
image = (seg(0xDB, b'\0' + b'\x01' * 64)
         + seg(0xC0, b'\x08\0\x08\0\x08\x01\x01\x11\0')
         + seg(0xC4, b'\x00' + b'\x01' + b'\0' * 15 + b'\0')
         + seg(0xC4, b'\x10' + b'\x01' + b'\0' * 15 + b'\0')
         + seg(0xDA, b'\x01\x01\0\0\x3F\0') + b'\x3F' + b'\xFF\xD9')
photo = b'\xFF\xD8' + jfif + seg(0xE1, exif) + seg(0xE1, xmp) + seg(0xFE, b'child home, Longtan') + image
clean = b'\xFF\xD8' + jfif + image
open(out + '/gps.jpg', 'wb').write(photo)
open(out + '/gps_clean.jpg', 'wb').write(clean)
open(out + '/cut.jpg', 'wb').write(photo[:len(photo) - 40])
ihdr = chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 6, 0, 0, 0))
rest = chunk(b'IDAT', zlib.compress(b'\0\xff\xff\xff\x7f', 9)) + chunk(b'IEND', b'')
sig = b'\x89PNG\r\n\x1a\n'
open(out + '/text.png', 'wb').write(sig + ihdr + chunk(b'tEXt', b'Comment\0Location: Longtan') + rest)
open(out + '/text_clean.png', 'wb').write(sig + ihdr + rest)
PY
check "the test images were generated" test -s "$OUT/gps.jpg" -a -s "$OUT/text_clean.png"
check "the test photo really carries EXIF and GPS" grep -q "Exif" "$OUT/gps.jpg"

tj=$(login township 'Town#2026portal')
post /children/new "$tj" --data-urlencode "name=照片测试$(date +%s%N | tail -c 6)" --data "sex=1" \
    --data "birth_date=2017-04-05" --data-urlencode "ethnicity=土家族" \
    --data-urlencode "no_id_reason=测试" --data "village_code=500242101001" --data "confirm_duplicate=1"
cid=$(loc_id /children)
check "a child's file to attach to" [ -n "$cid" ]

# a phone photo with its GPS position: stored and served without metadata
upload "/children/$cid/attachments" "$tj" -F "kind=照片" -F "file=@$OUT/gps.jpg;type=image/jpeg;filename=定位照片.jpg"
check "a JPEG with EXIF GPS uploads" status_is 303
aid=$(last_att)
stored=$(att_col "$aid" stored_name)
check "its row says image/jpeg" [ "$(att_col "$aid" content_type)" = image/jpeg ]
check "its row has the size of the stored bytes, not of the upload" \
    [ "$(att_col "$aid" size)" = "$(stat -c %s "$OUT/gps_clean.jpg")" ]
check "the file on disk has no EXIF" bash -c "! grep -qa Exif '$ATT/$stored'"
check "the file on disk is mode 0600" [ "$(stat -c %a "$ATT/$stored")" = 600 ]
check "no temporary file is left behind" [ -z "$(find "$ATT" -name '.tmp-*')" ]
req GET "/children/$cid/attachments/$aid" -b "$tj"
check "the photo downloads" status_is 200
check "the download has no Exif in its bytes" bash -c "! grep -qa Exif '$OUT/body'"
check "nor the GPS of the XMP or the comment" bash -c "! grep -qa -e GPS -e 'child home' '$OUT/body'"
check "it is still a JPEG (FF D8 first)" [ "$(head -c 2 "$OUT/body" | od -An -tx1 | tr -d ' \n')" = ffd8 ]
check "every other byte is kept: it is exactly the photo without its metadata" cmp -s "$OUT/body" "$OUT/gps_clean.jpg"
check "the row's sha256 is the sha256 of the downloaded bytes" \
    [ "$(att_col "$aid" sha256)" = "$(sha256sum "$OUT/body" | cut -d' ' -f1)" ]
check "served as image/jpeg" header_has "Content-Type: image/jpeg"
check "as an attachment with an ASCII fallback name" header_has 'Content-Disposition: attachment; filename="attachment.jpg"'
check "and the UTF-8 name (RFC 5987)" \
    header_has "filename*=UTF-8''%E5%AE%9A%E4%BD%8D%E7%85%A7%E7%89%87.jpg"
check "not cached" header_has "Cache-Control: no-store"

# the type comes from the content: a PNG named .pdf is a PNG (and loses its text chunk)
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/text.png;type=application/pdf;filename=scan 1.pdf"
check "a PNG named .pdf uploads" status_is 303
paid=$(last_att)
check "it is recorded as image/png, not as the name or browser said" [ "$(att_col "$paid" content_type)" = image/png ]
req GET "/children/$cid/attachments/$paid" -b "$tj"
check "it downloads as image/png" header_has "Content-Type: image/png"
check "without its tEXt chunk, the other chunks unchanged" cmp -s "$OUT/body" "$OUT/text_clean.png"
check "saved under a name that ends in .png" header_has "filename=\"scan_1.pdf.png\"; filename*=UTF-8''scan%201.pdf.png"

# refusals leave no row and no file
printf 'name,id\n张三,500242201501010011\n' >"$OUT/list.jpg"
n0=$(rows); f0=$(files_on_disk)
upload "/children/$cid/attachments" "$tj" -F "kind=照片" -F "file=@$OUT/list.jpg;type=image/jpeg"
check "a text file named .jpg is refused" status_is 400
check "with the Chinese message" body_has "只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容判断，改扩展名无效）"
check "no row was added for it" [ "$(rows)" = "$n0" ]
check "no file was left for it" [ "$(files_on_disk)" = "$f0" ]
upload "/children/$cid/attachments" "$tj" -F "kind=照片" -F "file=@$OUT/cut.jpg;type=image/jpeg"
check "a truncated JPEG is refused" status_is 400
check "as a damaged image, in Chinese" body_has "图片文件不完整或已损坏"
: >"$OUT/empty.jpg"
upload "/children/$cid/attachments" "$tj" -F "kind=照片" -F "file=@$OUT/empty.jpg;type=image/jpeg"
check "an empty file is refused" status_is 400
check "with the Chinese message for it" body_has "上传的文件是空的。"
head -c $((9 << 20)) /dev/zero | tr '\0' 'x' >"$OUT/big.pdf"
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/big.pdf;type=application/pdf"
check "a file over 8 MB is refused with 413" status_is 413
check "no row and no file for any of them" [ "$(rows)/$(files_on_disk)" = "$n0/$f0" ]

# active or absurd content (issue 22): a PDF that runs JavaScript when opened
# (plain, and hidden as /J#61vaScript in a compressed object stream), a PNG
# declaring 50,000 x 50,000, a JPEG with HTML in an APP0 segment
python3 - "$OUT" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
open(out + '/js.pdf', 'wb').write(b'%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R '
    b'/OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
z = zlib.compress(b'5 0 << /S /J#61vaScript /JS (this.exportDataObject()) >>')
open(out + '/objstm.pdf', 'wb').write(b'%PDF-1.5\n4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length '
    + str(len(z)).encode() + b' >>\nstream\n' + z + b'\nendstream\nendobj\n%%EOF\n')
open(out + '/plain.pdf', 'wb').write(b'%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>\nendobj\n%%EOF\n')
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
open(out + '/huge.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 50000, 50000, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(b'\0' * 64)) + chunk(b'IEND', b''))
src = open(out + '/gps_clean.jpg', 'rb').read()
html = b'<html><body><script>alert(document.domain)</script></body></html>'
app0 = b'\xff\xe0' + struct.pack('>H', len(html) + 2) + html
open(out + '/html.jpg', 'wb').write(src[:2] + app0 + src[2:])
PY
n0=$(rows); f0=$(files_on_disk)
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/js.pdf;type=application/pdf"
check "a PDF with an OpenAction JavaScript is refused (400)" status_is 400
check "with the Chinese message for it" body_has "PDF 文件含有脚本"
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/objstm.pdf;type=application/pdf"
check "a PDF hiding /J#61vaScript in a compressed object stream is refused" status_is 400
upload "/children/$cid/attachments" "$tj" -F "kind=照片" -F "file=@$OUT/huge.png;type=image/png"
check "a PNG declaring 50,000 x 50,000 pixels is refused (400)" status_is 400
check "as too large, in Chinese" body_has "图片尺寸过大"
check "no row and no file for them" [ "$(rows)/$(files_on_disk)" = "$n0/$f0" ]
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/plain.pdf;type=application/pdf"
check "a PDF without active content (an OpenAction that only sets the view) uploads" status_is 303
upload "/children/$cid/attachments" "$tj" -F "kind=照片" -F "file=@$OUT/html.jpg;type=image/jpeg"
check "a JPEG with HTML in an APP0 segment uploads" status_is 303
req GET "/children/$cid/attachments/$(last_att)" -b "$tj"
check "and is served without the HTML: exactly the clean photo" cmp -s "$OUT/body" "$OUT/gps_clean.jpg"

# the folder is created (0700) when it is missing
mv "$ATT" "$ATT.aside"
upload "/children/$cid/attachments" "$tj" -F "kind=照片" -F "file=@$OUT/gps.jpg;type=image/jpeg"
check "an upload into a missing folder succeeds" status_is 303
check "the folder was created mode 0700" [ "$(stat -c %a "$ATT" 2>/dev/null)" = 700 ]
mv "$ATT"/* "$ATT.aside"/ && rmdir "$ATT" && mv "$ATT.aside" "$ATT"
check "(the test put the folder back)" [ -f "$ATT/$stored" ]

# a stored file changed on disk is never served
reads0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='attachment.read' AND object_id='$cid'")
python3 -c "import sys; f=open(sys.argv[1],'r+b'); f.seek(30); b=f.read(1); f.seek(30); f.write(bytes([b[0]^0xFF])); f.close()" "$ATT/$stored"
req GET "/children/$cid/attachments/$aid" -b "$tj"
check "a tampered file (same size) answers 500" status_is 500
check "not with the tampered bytes" bash -c "! cmp -s '$OUT/body' '$ATT/$stored' && ! grep -qa JFIF '$OUT/body'"
check "but the error page, in Chinese" body_has "文件已丢失或损坏"
check "with an error id to quote" body_has "错误编号"
check "the mismatch is logged" in_log "PT0707"
printf 'x' >>"$ATT/$stored"
req GET "/children/$cid/attachments/$aid" -b "$tj"
check "a file that grew answers 500" status_is 500
pstored=$(att_col "$paid" stored_name)
rm -f "$ATT/$pstored"
req GET "/children/$cid/attachments/$paid" -b "$tj"
check "a missing file answers 500" status_is 500
check "and is logged" in_log "PT0706"
check "no failed download was audited as a read" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='attachment.read' AND object_id='$cid'")" = "$reads0" ]
# the row whose file this test removed goes too: later tests (the backup's) see a consistent store
sql "DELETE FROM child_attachments WHERE id = $paid"
