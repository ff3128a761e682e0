<?cs # Service logs waiting for the township's verification. ?>
<h1>服务记录核实</h1>
<?cs if:subcount(Logs) == 0 ?><p>没有待核实的服务记录。</p><?cs /if ?>
<table class="list" id="logs">
  <thead><tr><th scope="col">编号</th><th scope="col">儿童或集体活动</th><th scope="col">村（社区）或区域</th><th scope="col">社会组织</th><th scope="col">日期</th><th scope="col">类型</th><th scope="col">时长（分钟）</th><th scope="col">参与志愿者</th><th scope="col">情况</th><th scope="col">核实</th></tr></thead>
  <tbody>
  <?cs each:l = Logs ?><tr>
    <td><?cs var:l.id ?></td><td><?cs if:l.child_id ?><a href="/children/<?cs var:l.child_id ?>"><?cs var:l.child_name ?></a><?cs else ?>集体活动，<?cs var:l.participants ?> 人参加<?cs /if ?></td><td><?cs var:l.village ?></td><td><?cs var:l.org_name ?></td>
    <td><?cs var:l.service_date ?></td><td><?cs var:l.service_type ?></td><td class="num"><?cs var:l.minutes ?></td><td><?cs var:l.people ?></td><td><?cs var:l.notes ?><?cs each:f = Photos ?><?cs if:f.log_id == l.id ?> <a href="/volunteer/logs/<?cs var:l.id ?>/photos/<?cs var:f.id ?>" target="_blank" rel="noopener">照片<?cs var:f.id ?></a><?cs /if ?><?cs /each ?></td>
    <td>
      <form method="post" action="/volunteer/verify/logs/<?cs var:l.id ?>" class="inline"><?cs call:csrf() ?><input type="hidden" name="action" value="verify"><input type="hidden" name="version" value="<?cs var:l.version ?>"><?cs if:VerifyFailed == l.id ?><?cs call:confirm_box("confirm", "我已核对，确认核实无误", Errors.confirm, 1) ?><?cs else ?><?cs call:confirm_box("confirm", "我已核对，确认核实无误", "", 1) ?><?cs /if ?><button type="submit">核实无误</button></form>
      <form method="post" action="/volunteer/verify/logs/<?cs var:l.id ?>" class="inline"><?cs call:csrf() ?><input type="hidden" name="action" value="return"><input type="hidden" name="version" value="<?cs var:l.version ?>"><input type="text" name="reason" maxlength="200" required aria-label="退回原因" placeholder="退回原因"><button type="submit">退回</button></form>
    </td>
  </tr><?cs /each ?>
  </tbody>
</table>
