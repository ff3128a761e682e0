<?cs # An unverified service log's edit form: its values (or what was typed),
     the organisation's volunteers ticked by name. ?>
<h1>修改服务记录 #<?cs var:Log.id ?></h1>
<p><a href="<?cs var:Back ?>">返回</a></p>
<?cs if:Log.return_reason ?><p class="form-error">乡镇退回原因：<?cs var:Log.return_reason ?></p><?cs /if ?>
<section class="panel">
  <form method="post" action="/volunteer/partner/logs/<?cs var:Log.id ?>/edit">
    <?cs call:csrf() ?>
    <div class="field<?cs if:Errors.service_date ?> has-error<?cs /if ?>"><label for="f-date">服务日期</label><input type="date" id="f-date" name="service_date" value="<?cs var:Form.service_date ?>" min="<?cs var:Log.start_date ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.service_date) ?></div>
    <div class="field<?cs if:Errors.minutes ?> has-error<?cs /if ?>"><label for="f-min">服务时长（分钟）</label><input type="number" id="f-min" name="minutes" value="<?cs var:Form.minutes ?>" min="1" max="1440" required><?cs call:field_error(Errors.minutes) ?></div>
    <?cs if:LogArea == "1" ?><div class="field<?cs if:Errors.participants ?> has-error<?cs /if ?>"><label for="f-part">参加人数</label><input type="number" id="f-part" name="participants" value="<?cs var:Form.participants ?>" min="1" max="10000" required><?cs call:field_error(Errors.participants) ?></div><?cs /if ?>
    <div class="field<?cs if:Errors.service_type ?> has-error<?cs /if ?>"><label for="f-type">服务类型</label><select id="f-type" name="service_type"><?cs each:t = Types ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Form.service_type ?> selected<?cs /if ?>><?cs var:t.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.service_type) ?></div>
    <fieldset class="field<?cs if:Errors.volunteer ?> has-error<?cs /if ?>" id="f-vols"><legend>参与志愿者</legend><?cs each:v = Volunteers ?>
      <label class="check"><input type="checkbox" name="volunteer" value="<?cs var:v.id ?>"<?cs if:v.ticked == "1" ?> checked<?cs /if ?>> <?cs var:v.name ?></label><?cs /each ?><?cs if:subcount(Volunteers) == 0 ?>
      <span class="hint">本组织尚无在册志愿者。</span><?cs /if ?><?cs call:field_error(Errors.volunteer) ?></fieldset>
    <div class="field<?cs if:Errors.notes ?> has-error<?cs /if ?>"><label for="f-notes">服务情况</label><textarea id="f-notes" name="notes" maxlength="1000"><?cs var:Form.notes ?></textarea><?cs call:field_error(Errors.notes) ?></div>
    <button type="submit">修改并重新提交</button>
  </form>
</section>
