<?cs include!"child_file_macros.cs" ?>
<h1><?cs if:Form.id ?>修改儿童档案<?cs else ?>新建儿童档案<?cs /if ?></h1>
<?cs if:Form.id ?><p><a href="/children/<?cs var:Form.id ?>">返回档案</a></p><?cs /if ?>
<?cs if:Errors.count ?><p class="form-error" role="alert">请更正下列标出的内容后再提交，档案尚未保存。</p><?cs /if ?>
<?cs if:Dup.Existing ?><p class="form-error" role="alert">该身份证号已有档案：<a id="dup-existing" href="/children/<?cs var:Dup.Existing ?>">查看已有档案</a></p><?cs /if ?>
<form method="post" action="<?cs var:Form.action ?>">
  <?cs call:csrf() ?>
  <?cs if:Dup.Warn || Dup.Outside ?>
  <section class="panel" role="alert" id="dup-warning">
    <h2>可能重复建档</h2>
    <?cs if:Dup.Warn ?><p>已有 <?cs var:Dup.Warn ?> 份姓名和出生日期都相同的档案。请先核对：</p><?cs /if ?>
    <?cs if:Dup.Outside ?><p id="dup-outside"><?cs var:Dup.Outside ?></p><?cs /if ?>
    <?cs if:subcount(Dup.Similar) ?><ul><?cs each:d = Dup.Similar ?><li><a href="/children/<?cs var:d ?>">档案 <?cs var:d ?></a></li><?cs /each ?></ul><?cs /if ?>
    <div class="field">
      <label><input type="checkbox" name="confirm_duplicate" value="1"> 已核对，确实是另一名儿童，仍然建档</label>
    </div>
  </section>
  <?cs /if ?>
  <fieldset>
    <legend>身份信息</legend>
    <?cs call:text_field("name", "姓名", Form.name, Errors.name, 1) ?>
    <?cs call:select_field("sex", "性别", Form.sex, Errors.sex, 1, Opts.sex, "请选择") ?>
    <?cs call:date_field("birth_date", "出生日期", Form.birth_date, Errors.birth_date, 1) ?>
    <?cs call:text_field("ethnicity", "民族", Form.ethnicity, Errors.ethnicity, 1) ?>
    <div class="field<?cs if:Errors.id_number ?> has-error<?cs /if ?>">
      <label for="f-id_number">公民身份号码</label>
      <input type="text" id="f-id_number" name="id_number" value="<?cs var:Form.id_number ?>" maxlength="18" autocomplete="off" inputmode="numeric">
      <span class="hint">18 位，最后一位可以是 X；须与出生日期、性别一致。没有身份证号的儿童请填写下面的原因。</span>
      <?cs call:field_error(Errors.id_number) ?>
    </div>
    <?cs call:text_field("no_id_reason", "无身份证号原因", Form.no_id_reason, Errors.no_id_reason, 0) ?>
  </fieldset>
  <fieldset>
    <legend>户籍与住址</legend>
    <?cs call:text_field("hukou", "户籍地", Form.hukou, Errors.hukou, 0) ?>
    <?cs call:text_field("address", "现住址", Form.address, Errors.address, 0) ?>
    <div class="field<?cs if:Errors.village_code ?> has-error<?cs /if ?>">
      <label for="f-village_code">所在村（社区） <abbr title="必填">*</abbr></label>
      <select id="f-village_code" name="village_code" required>
        <option value="">请选择</option>
        <?cs each:v = Villages ?><option value="<?cs var:v.code ?>"<?cs if:Form.village_code == v.code ?> selected<?cs /if ?>><?cs var:division(v.parent_code) ?> <?cs var:v.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error(Errors.village_code) ?>
    </div>
  </fieldset>
  <fieldset>
    <legend>就学与健康</legend>
    <?cs call:text_field("school", "就读学校", Form.school, Errors.school, 0) ?>
    <?cs call:text_field("school_grade", "年级", Form.school_grade, Errors.school_grade, 0) ?>
    <?cs call:text_field("health", "健康状况", Form.health, Errors.health, 0) ?>
    <?cs call:select_field("disability_type", "残疾类别", Form.disability_type, Errors.disability_type, 0, Opts.disability, "无") ?>
    <?cs call:select_field("disability_grade", "残疾等级", Form.disability_grade, Errors.disability_grade, 0, Opts.grade, "无") ?>
    <?cs call:date_field("disability_cert_expiry", "残疾证有效期至", Form.disability_cert_expiry, Errors.disability_cert_expiry, 0) ?>
  </fieldset>
  <fieldset>
    <legend>安置与备注</legend>
    <?cs call:text_field("placement", "安置方式", Form.placement, Errors.placement, 0) ?>
    <?cs call:area_field("notes", "备注（敏感信息，加密保存）", Form.notes, Errors.notes, "仅有编辑权限的工作人员可见，不打印。") ?>
  </fieldset>
  <?cs if:Form.id ?><fieldset>
    <legend>修改原因</legend>
    <?cs call:text_field("reason", "修改原因（记入变更记录）", Form.reason, Errors.reason, 1) ?>
  </fieldset><?cs /if ?>
  <p><button type="submit"><?cs if:Form.id ?>保存修改<?cs else ?>建立档案<?cs /if ?></button></p>
</form>
