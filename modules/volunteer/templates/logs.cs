<?cs # The partner's service logs of one child or one area (LogArea = 1):
     each with its photos, and while not verified a link to its edit page and a
     photo upload.  Included by partner_child.cs and partner_area.cs; `c` is the assignment. ?>
<table class="list" id="log-table"><thead><tr><th scope="col">编号</th><th scope="col">日期</th><th scope="col">类型</th><th scope="col">时长（分钟）</th><?cs if:LogArea ?><th scope="col">参加人数</th><?cs /if ?><th scope="col">参与志愿者</th><th scope="col">情况</th><th scope="col">照片</th><th scope="col">状态</th></tr></thead><tbody>
<?cs each:l = Logs ?><tr>
  <td><?cs var:l.id ?></td><td><?cs var:l.service_date ?></td><td><?cs var:l.service_type ?></td><td class="num"><?cs var:l.minutes ?></td><?cs if:LogArea ?><td class="num"><?cs var:l.participants ?></td><?cs /if ?><td><?cs var:l.people ?></td><td><?cs var:l.notes ?></td>
  <td data-photos="<?cs var:l.id ?>"><?cs each:f = Photos ?><?cs if:f.log_id == l.id ?><a href="/volunteer/logs/<?cs var:l.id ?>/photos/<?cs var:f.id ?>" target="_blank" rel="noopener">照片<?cs var:f.id ?></a> <?cs /if ?><?cs /each ?></td>
  <td data-log="<?cs var:l.id ?>" data-status="<?cs var:l.status ?>"><?cs var:label("volunteer.log_status", l.status) ?><?cs if:l.return_reason ?>（退回原因：<?cs var:l.return_reason ?>）<?cs /if ?></td>
</tr>
<?cs if:l.status != "verified" ?><tr><td colspan="<?cs if:LogArea ?>9<?cs else ?>8<?cs /if ?>">
  <a href="/volunteer/partner/logs/<?cs var:l.id ?>/edit">修改记录 #<?cs var:l.id ?></a>
  <form method="post" action="/volunteer/partner/logs/<?cs var:l.id ?>/photos" enctype="multipart/form-data" class="inline">
    <?cs call:csrf() ?>
    <input type="file" name="photo" accept="image/jpeg,image/png" required aria-label="照片">
    <button type="submit">上传照片</button>
  </form>
</td></tr><?cs /if ?>
<?cs /each ?>
</tbody></table>
<p class="hint">照片只能是 JPEG 或 PNG，每条记录最多 6 张；上传时会去除照片中的拍摄位置等信息。请勿拍摄能辨认儿童住址或证件的内容。</p>
