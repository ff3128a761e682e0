<?cs # the fields of an assignment, of a child or of an area (ids f-<p>type...) ?>
<?cs def:assign_fields(p) ?>
    <div class="field"><label for="f-<?cs var:p ?>type">服务类型</label><select id="f-<?cs var:p ?>type" name="service_type"><?cs each:t = Types ?><option value="<?cs var:t.code ?>"><?cs var:t.title ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-<?cs var:p ?>needs">服务需求（社会组织可见）</label><textarea id="f-<?cs var:p ?>needs" name="needs" maxlength="500"></textarea></div>
    <div class="field"><label for="f-<?cs var:p ?>from">开始日期</label><input type="date" id="f-<?cs var:p ?>from" name="start_date" required></div>
    <div class="field"><label for="f-<?cs var:p ?>to">结束日期</label><input type="date" id="f-<?cs var:p ?>to" name="end_date" required></div>
<?cs /def ?>
<?cs # One partner organisation: status, events, volunteers, assignments. ?>
<?cs with:o = Org ?>
<h1><?cs var:o.name ?></h1>
<section class="panel" id="info">
  <dl>
    <dt>登记证号</dt><dd><?cs var:o.reg_no ?></dd>
    <dt>联系人</dt><dd><?cs var:o.contact_name ?> <?cs var:o.contact_phone ?></dd>
    <dt>服务区域</dt><dd><?cs var:o.areas ?></dd>
    <dt>服务类型</dt><dd><?cs var:o.service_types ?></dd>
    <dt>状态</dt><dd id="status" data-status="<?cs var:o.status ?>"><?cs var:label("volunteer.org_status", o.status) ?></dd>
  </dl>
  <?cs if:o.status != "ended" ?>
  <form method="post" action="/volunteer/orgs/<?cs var:o.id ?>/status">
    <?cs call:csrf() ?>
    <label for="f-st">变更状态</label>
    <select id="f-st" name="status">
      <?cs if:o.status == "pending" || o.status == "suspended" ?><option value="approved">批准</option><?cs /if ?>
      <?cs if:o.status == "approved" ?><option value="suspended">暂停</option><?cs /if ?>
      <option value="ended">终止合作</option>
    </select>
    <label for="f-eff">生效日期</label><input type="date" id="f-eff" name="effective_date" value="<?cs var:Today ?>">
    <label for="f-reason">原因</label><input type="text" id="f-reason" name="reason" maxlength="200">
    <button type="submit">确定</button>
  </form>
  <?cs /if ?>
</section>
<section class="panel" id="events">
  <h2>状态记录</h2>
  <table class="list"><thead><tr><th scope="col">时间</th><th scope="col">生效日期</th><th scope="col">状态</th><th scope="col">原因</th><th scope="col">经办人</th></tr></thead><tbody>
  <?cs each:e = Events ?><tr><td><?cs var:e.at ?></td><td><?cs var:e.effective_date ?></td><td><?cs var:label("volunteer.org_status", e.status) ?></td><td><?cs var:e.reason ?></td><td><?cs var:e.by_name ?></td></tr><?cs /each ?>
  </tbody></table>
</section>
<section class="panel" id="volunteers">
  <h2>志愿者</h2>
  <table class="list"><thead><tr><th scope="col">编号</th><th scope="col">姓名</th><th scope="col">专长</th><th scope="col">可服务时间</th><th scope="col">已核实服务时长（分钟）</th></tr></thead><tbody>
  <?cs each:v = Volunteers ?><tr><td><?cs var:v.id ?></td><td><a href="/volunteer/volunteers/<?cs var:v.id ?>/certificate"><?cs var:v.name ?></a></td><td><?cs var:v.skills ?></td><td><?cs var:v.availability ?></td><td class="num"><?cs var:v.minutes ?></td></tr><?cs /each ?>
  </tbody></table>
</section>
<section class="panel" id="assignments">
  <h2>服务对象指派</h2>
  <table class="list"><thead><tr><th scope="col">儿童</th><th scope="col">村（社区）</th><th scope="col">服务类型</th><th scope="col">期限</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead><tbody>
  <?cs each:a = Assignments ?><tr>
    <td><a href="/children/<?cs var:a.child_id ?>"><?cs var:a.child_name ?></a></td><td><?cs var:a.village ?></td><td><?cs var:a.service_type ?></td>
    <td><?cs var:a.start_date ?> 至 <?cs var:a.end_date ?></td>
    <td><?cs if:a.ended_at ?>已结束<?cs elif:a.active == "1" ?>服务中<?cs else ?>不在期限内<?cs /if ?></td>
    <td><?cs if:!a.ended_at ?><form method="post" action="/volunteer/assignments/<?cs var:a.id ?>/end" class="inline"><?cs call:csrf() ?><button type="submit">结束指派</button></form><?cs /if ?></td>
  </tr><?cs /each ?>
  </tbody></table>
  <?cs if:o.status == "approved" ?>
  <form method="post" action="/volunteer/orgs/<?cs var:o.id ?>/assign">
    <?cs call:csrf() ?>
    <h3>指派服务对象</h3>
    <div class="field"><label for="f-child">儿童编号</label><input type="number" id="f-child" name="child_id" min="1" required></div>
    <?cs call:assign_fields("") ?>
    <button type="submit">指派</button>
  </form>
  <?cs /if ?>
</section>
<section class="panel" id="area-assignments">
  <h2>区域服务项目</h2>
  <p class="hint">把一个服务项目指派到乡镇（街道）或村（社区）：社会组织只看到区域名称和服务需求，看不到该区域的任何儿童，按次登记集体活动和参加人数。</p>
  <table class="list"><thead><tr><th scope="col">区域</th><th scope="col">慈善项目</th><th scope="col">服务类型</th><th scope="col">期限</th><th scope="col">已核实活动</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead><tbody>
  <?cs each:a = AreaAssignments ?><tr data-area-assignment="<?cs var:a.id ?>">
    <td><?cs var:a.area ?></td><td><?cs var:a.project ?></td><td><?cs var:a.service_type ?></td>
    <td><?cs var:a.start_date ?> 至 <?cs var:a.end_date ?></td><td class="num"><?cs var:a.verified_logs ?></td>
    <td><?cs if:a.ended_at ?>已结束<?cs elif:a.active == "1" ?>服务中<?cs else ?>不在期限内<?cs /if ?></td>
    <td><?cs if:!a.ended_at ?><form method="post" action="/volunteer/assignments/<?cs var:a.id ?>/end" class="inline"><?cs call:csrf() ?><button type="submit">结束指派</button></form><?cs /if ?></td>
  </tr><?cs /each ?>
  </tbody></table>
  <?cs if:o.status == "approved" && subcount(AreaChoices) > 0 ?>
  <form method="post" action="/volunteer/orgs/<?cs var:o.id ?>/assign-area">
    <?cs call:csrf() ?>
    <h3>指派区域服务项目</h3>
    <div class="field"><label for="f-area">服务区域</label><select id="f-area" name="area_code" required><?cs each:d = AreaChoices ?><option value="<?cs var:d.code ?>"><?cs if:d.level == "village" ?>　<?cs /if ?><?cs var:d.name ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-proj">慈善项目（可不选）</label><select id="f-proj" name="project_id"><option value="">（不关联项目）</option><?cs each:p = Projects ?><option value="<?cs var:p.id ?>"><?cs var:p.name ?></option><?cs /each ?></select></div>
    <?cs call:assign_fields("a") ?>
    <button type="submit">指派</button>
  </form>
  <?cs /if ?>
</section>
<?cs /with ?>
