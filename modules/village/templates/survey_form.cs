<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1>摸底登记</h1>
<p class="hint">登记在村里发现、尚未建立档案的儿童；没有身份证号也可以登记。乡镇审核后建档。</p>
<?cs if:Dup.count > 0 ?><div class="offer" id="dup-warning" role="alert"><p><strong>可能重复：</strong>
  <?cs if:Dup.id_files > 0 ?>档案中已有身份证号相同的儿童。<?cs /if ?>
  <?cs if:Dup.id_surveys > 0 ?>已有身份证号相同的摸底记录。<?cs /if ?>
  <?cs if:Dup.name_files > 0 ?>档案中已有姓名和出生日期相同的儿童。<?cs /if ?>
  <?cs if:Dup.name_surveys > 0 ?>已有姓名和出生日期相同的摸底记录。<?cs /if ?></p>
  <p>请先核实。确认不是同一个儿童，勾选下方“确认不是重复”后再保存。</p></div><?cs /if ?>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未保存任何内容。</p><?cs /if ?>
<form method="post" action="/village/survey/new" id="survey-form">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.village ?> has-error<?cs /if ?>"><label for="f-village">村（居） <abbr title="必填">*</abbr></label>
    <select id="f-village" name="village"><?cs each:v = Villages ?><option value="<?cs var:v.code ?>"<?cs if:Form.village == v.code ?> selected<?cs /if ?>><?cs var:v.name ?></option><?cs /each ?></select><?cs call:field_error(Errors.village) ?></div>
  <?cs call:text_field("name", "姓名", Form.name, Errors.name, 1) ?>
  <div class="field<?cs if:Errors.sex ?> has-error<?cs /if ?>"><label for="f-sex">性别 <abbr title="必填">*</abbr></label>
    <select id="f-sex" name="sex"><option value="1"<?cs if:Form.sex == "1" ?> selected<?cs /if ?>>男</option><option value="2"<?cs if:Form.sex == "2" ?> selected<?cs /if ?>>女</option></select><?cs call:field_error(Errors.sex) ?></div>
  <div class="field<?cs if:Errors.birth_date ?> has-error<?cs /if ?>"><label for="f-birth">出生日期（知道时填写）</label>
    <input type="date" id="f-birth" name="birth_date" value="<?cs var:Form.birth_date ?>" max="<?cs var:Today ?>"><?cs call:field_error(Errors.birth_date) ?></div>
  <?cs call:text_field("id_number", "身份证号（没有可不填）", Form.id_number, Errors.id_number, 0) ?>
  <?cs call:text_field("guardian", "监护人或照料人", Form.guardian, Errors.guardian, 0) ?>
  <?cs call:text_field("address", "住址", Form.address, Errors.address, 0) ?>
  <div class="field<?cs if:Errors.situation ?> has-error<?cs /if ?>"><label for="f-situation">发现的情况 <abbr title="必填">*</abbr></label>
    <textarea id="f-situation" name="situation" maxlength="1000" required><?cs var:Form.situation ?></textarea><?cs call:field_error(Errors.situation) ?></div>
  <?cs if:Dup.count > 0 ?><label class="check"><input type="checkbox" name="confirm" value="1"> 确认不是重复</label><?cs /if ?>
  <button type="submit">保存摸底记录</button>
</form>
</div>
