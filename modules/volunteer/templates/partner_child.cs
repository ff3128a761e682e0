<?cs # The partner's view of an assigned child: the permitted fields only. ?>
<?cs with:c = Child ?>
<h1>服务对象：<?cs var:c.name ?></h1>
<section class="panel" id="child">
  <dl>
    <dt>姓名</dt><dd><?cs var:c.name ?></dd>
    <dt>性别</dt><dd><?cs var:c.sex ?></dd>
    <dt>年龄</dt><dd><?cs var:c.age ?> 岁</dd>
    <dt>所在村（社区）</dt><dd><?cs var:c.village ?></dd>
    <dt>年级</dt><dd><?cs var:c.school_grade ?></dd>
<?cs include:"assignment_terms.cs" ?>
  <h2>服务记录</h2>
  <?cs include:"logs.cs" ?>
  <form method="post" action="/volunteer/partner/children/<?cs var:c.id ?>/logs">
    <?cs call:csrf() ?>
    <h3>登记一次服务</h3>
    <div class="field"><label for="f-date">服务日期</label><input type="date" id="f-date" name="service_date" value="<?cs var:Form.service_date ?>" min="<?cs var:c.start_date ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.service_date) ?></div>
    <div class="field"><label for="f-min">服务时长（分钟）</label><input type="number" id="f-min" name="minutes" value="<?cs var:Form.minutes ?>" min="1" max="1440" required><?cs call:field_error(Errors.minutes) ?></div>
    <div class="field"><label for="f-type">服务类型</label><select id="f-type" name="service_type"><?cs each:t = Types ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Form.service_type ?> selected<?cs /if ?>><?cs var:t.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.service_type) ?></div>
    <fieldset class="field" id="f-vols"><legend>参与志愿者</legend><?cs each:v = Volunteers ?>
      <label class="check"><input type="checkbox" name="volunteer" value="<?cs var:v.id ?>"> <?cs var:v.name ?></label><?cs /each ?><?cs if:subcount(Volunteers) == 0 ?>
      <span class="hint">本组织尚无在册志愿者。</span><?cs /if ?><?cs call:field_error(Errors.volunteer) ?></fieldset>
    <div class="field"><label for="f-notes">服务情况</label><textarea id="f-notes" name="notes" maxlength="1000"><?cs var:Form.notes ?></textarea><?cs call:field_error(Errors.notes) ?></div>
    <button type="submit">提交</button>
  </form>
</section>
<?cs /with ?>
