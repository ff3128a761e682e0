<?cs # The partner's page of a project over an area: the area, never its
     children; group activities logged with the number of participants. ?>
<?cs with:c = Area ?>
<h1>区域服务项目：<?cs var:c.area ?></h1>
<section class="panel" id="area">
  <dl>
    <dt>服务区域</dt><dd><?cs if:c.township ?><?cs var:c.township ?> <?cs /if ?><?cs var:c.area ?></dd>
    <?cs if:c.project ?><dt>慈善项目</dt><dd><?cs var:c.project ?></dd><?cs /if ?>
<?cs include:"assignment_terms.cs" ?>
  <h2>活动记录</h2>
  <?cs include:"logs.cs" ?>
  <form method="post" action="/volunteer/partner/areas/<?cs var:c.id ?>/logs">
    <?cs call:csrf() ?>
    <h3>登记一次集体活动</h3>
    <div class="field"><label for="f-date">活动日期</label><input type="date" id="f-date" name="service_date" value="<?cs var:Form.service_date ?>" min="<?cs var:c.start_date ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.service_date) ?></div>
    <div class="field"><label for="f-min">活动时长（分钟）</label><input type="number" id="f-min" name="minutes" value="<?cs var:Form.minutes ?>" min="1" max="1440" required><?cs call:field_error(Errors.minutes) ?></div>
    <div class="field"><label for="f-part">参加人数</label><input type="number" id="f-part" name="participants" value="<?cs var:Form.participants ?>" min="1" max="10000" required><?cs call:field_error(Errors.participants) ?></div>
    <div class="field"><label for="f-type">服务类型</label><select id="f-type" name="service_type"><?cs each:t = Types ?><option value="<?cs var:t.code ?>"<?cs if:t.code == c.service_type ?> selected<?cs /if ?>><?cs var:t.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.service_type) ?></div>
    <fieldset class="field" id="f-vols"><legend>参与志愿者</legend><?cs each:v = Volunteers ?>
      <label class="check"><input type="checkbox" name="volunteer" value="<?cs var:v.id ?>"> <?cs var:v.name ?></label><?cs /each ?><?cs if:subcount(Volunteers) == 0 ?>
      <span class="hint">本组织尚无在册志愿者。</span><?cs /if ?><?cs call:field_error(Errors.volunteer) ?></fieldset>
    <div class="field"><label for="f-notes">活动情况（请勿填写儿童姓名等个人信息）</label><textarea id="f-notes" name="notes" maxlength="1000"><?cs var:Form.notes ?></textarea><?cs call:field_error(Errors.notes) ?></div>
    <button type="submit">提交</button>
  </form>
</section>
<?cs /with ?>
