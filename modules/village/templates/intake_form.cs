<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1>一门受理：<?cs var:Child.name ?></h1>
<p><?cs var:division(Child.village_code) ?> · 出生 <?cs var:date(Child.birth_date) ?> · 各部门在 <?cs var:Days ?> 个工作日内答复</p>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何登记。</p><?cs /if ?>
<form method="post" action="/village/intake/new" id="intake-form">
  <?cs call:csrf() ?>
  <input type="hidden" name="child" value="<?cs var:Child.id ?>">
  <fieldset id="needs"><legend>需求（每项转有关部门办理）</legend>
    <?cs each:k = Needs ?><label class="check"><input type="checkbox" name="need" value="<?cs var:k.code ?>"<?cs if:Checked[k.code] ?> checked<?cs /if ?>> <?cs var:k.title ?></label><?cs /each ?>
    <?cs call:field_error(Errors.need) ?>
  </fieldset>
  <?cs call:text_field("applicant", "申请人", Form.applicant, Errors.applicant, 1) ?>
  <?cs call:text_field("relation", "与儿童关系", Form.relation, Errors.relation, 0) ?>
  <?cs call:text_field("phone", "联系电话", Form.phone, Errors.phone, 0) ?>
  <div class="field<?cs if:Errors.request ?> has-error<?cs /if ?>"><label for="f-request">家庭的诉求 <abbr title="必填">*</abbr></label>
    <textarea id="f-request" name="request" maxlength="1000" required><?cs var:Form.request ?></textarea><?cs call:field_error(Errors.request) ?></div>
  <button type="submit">受理并转部门办理</button>
</form>
</div>
