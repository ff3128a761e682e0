<?cs # The partner's view of an assigned child: the permitted fields only. ?>
<?cs with:c = Child.0 ?>
<h1>服务对象：<?cs var:c.name ?></h1>
<section class="panel" id="child">
  <dl>
    <dt>姓名</dt><dd><?cs var:c.name ?></dd>
    <dt>性别</dt><dd><?cs var:c.sex ?></dd>
    <dt>年龄</dt><dd><?cs var:c.age ?> 岁</dd>
    <dt>所在村（社区）</dt><dd><?cs var:c.village ?></dd>
    <dt>年级</dt><dd><?cs var:c.school_grade ?></dd>
    <dt>服务类型</dt><dd><?cs var:c.service_type ?></dd>
    <dt>服务需求</dt><dd id="needs"><?cs var:c.needs ?></dd>
    <dt>服务期限</dt><dd><?cs var:c.start_date ?> 至 <?cs var:c.end_date ?></dd>
  </dl>
</section>
<section class="panel" id="logs">
  <h2>服务记录</h2>
  <table class="list"><thead><tr><th scope="col">编号</th><th scope="col">日期</th><th scope="col">类型</th><th scope="col">时长（分钟）</th><th scope="col">参与志愿者</th><th scope="col">情况</th><th scope="col">状态</th></tr></thead><tbody>
  <?cs each:l = Logs ?><tr>
    <td><?cs var:l.id ?></td><td><?cs var:l.service_date ?></td><td><?cs var:l.service_type ?></td><td class="num"><?cs var:l.minutes ?></td><td><?cs var:l.people ?></td><td><?cs var:l.notes ?></td>
    <td data-log="<?cs var:l.id ?>" data-status="<?cs var:l.status ?>"><?cs var:Lbl.log[l.status] ?><?cs if:l.return_reason ?>（退回原因：<?cs var:l.return_reason ?>）<?cs /if ?></td>
  </tr>
  <?cs if:l.status != "verified" ?><tr><td colspan="7">
    <form method="post" action="/volunteer/partner/logs/<?cs var:l.id ?>/edit" class="inline">
      <?cs call:csrf() ?>
      修改记录 #<?cs var:l.id ?>：
      <input type="date" name="service_date" value="<?cs var:l.service_date ?>" min="<?cs var:c.start_date ?>" max="<?cs var:Today ?>" required aria-label="服务日期">
      <input type="number" name="minutes" value="<?cs var:l.minutes ?>" min="1" max="1440" required aria-label="服务时长（分钟）">
      <select name="service_type" aria-label="服务类型"><?cs each:t = Types ?><option value="<?cs var:t ?>"<?cs if:t == l.service_type ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?></select>
      <input type="text" name="volunteer_ids" value="<?cs var:l.volunteer_ids ?>" maxlength="200" aria-label="参与志愿者编号">
      <input type="text" name="notes" value="<?cs var:l.notes ?>" maxlength="1000" aria-label="服务情况">
      <button type="submit">修改并重新提交</button>
    </form>
  </td></tr><?cs /if ?>
  <?cs /each ?>
  </tbody></table>
  <form method="post" action="/volunteer/partner/children/<?cs var:c.id ?>/logs">
    <?cs call:csrf() ?>
    <h3>登记一次服务</h3>
    <div class="field"><label for="f-date">服务日期</label><input type="date" id="f-date" name="service_date" min="<?cs var:c.start_date ?>" max="<?cs var:Today ?>" required></div>
    <div class="field"><label for="f-min">服务时长（分钟）</label><input type="number" id="f-min" name="minutes" min="1" max="1440" required></div>
    <div class="field"><label for="f-type">服务类型</label><select id="f-type" name="service_type"><?cs each:t = Types ?><option value="<?cs var:t ?>"><?cs var:t ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-vids">参与志愿者编号</label><input type="text" id="f-vids" name="volunteer_ids" maxlength="200">
      <span class="hint">用逗号分隔。本组织志愿者：<?cs each:v = Volunteers ?><?cs var:v.id ?> <?cs var:v.name ?>；<?cs /each ?></span></div>
    <div class="field"><label for="f-notes">服务情况</label><textarea id="f-notes" name="notes" maxlength="1000"></textarea></div>
    <button type="submit">提交</button>
  </form>
</section>
<?cs /with ?>
