<h1>医疗救助申请</h1>
<?cs if:Errors.child ?><p class="form-error" role="alert"><?cs var:Errors.child ?></p><?cs /if ?>
<?cs if:!Child.id ?>
<?cs call:child_picker("/medical/aid/new") ?>
<?cs else ?>
<section class="panel">
  <h2>申请儿童</h2>
  <p id="child"><a href="/children/<?cs var:Child.id ?>"><?cs var:Child.name ?></a>（<?cs var:division(Child.township_code) ?> <?cs var:division(Child.village_code) ?>） · <a href="/medical/children/<?cs var:Child.id ?>">医疗保障情况</a> · <a href="/medical/aid/new">换一名儿童</a></p>
</section>
<form method="post" action="/medical/aid" class="panel narrow" enctype="multipart/form-data">
  <?cs call:csrf() ?>
  <input type="hidden" name="child" value="<?cs var:Child.id ?>">
  <div class="field"><label for="f-type">就医类型 <abbr title="必填">*</abbr></label>
    <select id="f-type" name="case_type" required><option value="">请选择</option>
      <?cs each:o = CaseTypes ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Form.case_type ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.case_type) ?></div>
  <div class="field"><label for="f-hospital">就诊医院 <abbr title="必填">*</abbr></label>
    <select id="f-hospital" name="hospital" required><option value="">请选择</option>
      <?cs each:o = Hospitals ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form.hospital ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.hospital) ?></div>
  <div class="field"><label for="f-start">入院（就诊）日期 <abbr title="必填">*</abbr></label>
    <input type="date" id="f-start" name="start_date" value="<?cs var:Form.start_date ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.start_date) ?></div>
  <div class="field"><label for="f-end">出院（末次就诊）日期 <abbr title="必填">*</abbr></label>
    <input type="date" id="f-end" name="end_date" value="<?cs var:Form.end_date ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.end_date) ?></div>
  <?cs call:text_field("diagnosis", "诊断", Form.diagnosis, Errors.diagnosis, 1) ?>
  <?cs call:text_field("total", "医疗总费用（元）", Form.total, Errors.total, 1) ?>
  <?cs call:text_field("basic", "基本医保支付（元）", Form.basic, Errors.basic, 0) ?>
  <?cs call:text_field("critical", "大病保险支付（元）", Form.critical, Errors.critical, 0) ?>
  <?cs call:text_field("charity", "慈善救助（元）", Form.charity, Errors.charity, 0) ?>
  <?cs call:text_field("commercial", "商业保险（元）", Form.commercial, Errors.commercial, 0) ?>
  <?cs call:text_field("eligible", "政策范围内个人自付（元）", Form.eligible, Errors.eligible, 1) ?>
  <fieldset class="field"><legend>纳入保障的康复项目（如有）</legend>
    <?cs each:i = RehabItems ?><label><input type="checkbox" name="rehab" value="<?cs var:i.code ?>"> <?cs var:i.name ?>（<?cs var:i.limits ?>）</label><br><?cs /each ?>
    <?cs if:!subcount(RehabItems) ?><span class="hint">模块管理员尚未登记康复项目。</span><?cs /if ?>
    <?cs call:field_error(Errors.rehab) ?></fieldset>
  <div class="field"><label for="f-payee">支付对象 <abbr title="必填">*</abbr></label>
    <select id="f-payee" name="payee" required><option value="">请选择</option>
      <?cs each:o = Payees ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Form.payee ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.payee) ?></div>
  <div class="field"><label for="f-receipt">票据（JPEG、PNG 或 PDF，8 MB 以内）</label>
    <input type="file" id="f-receipt" name="receipt" accept="image/jpeg,image/png,application/pdf"></div>
  <div class="actions"><button type="submit">提交申请</button></div>
</form>
<?cs /if ?>
