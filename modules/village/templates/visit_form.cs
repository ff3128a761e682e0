<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<h1>走访：<?cs var:Child.name ?></h1>
<p><?cs var:division(Child.village_code) ?> · 出生 <?cs var:date(Child.birth_date) ?>
<?cs each:p = Plan ?><br>每 <?cs var:p.days ?> 天走访一次；上次：<?cs if:p.last_visit ?><?cs var:date(p.last_visit) ?><?cs else ?>未走访<?cs /if ?>；应走访：<span id="plan-due"><?cs var:date(p.due) ?></span><?cs if:p.late == "1" ?>（已逾期）<?cs /if ?><?cs /each ?></p>
<p class="draft-note" id="draft-note" role="status" hidden></p>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未保存任何内容。</p><?cs /if ?>
<form method="post" action="/village/children/<?cs var:Child.id ?>/visit" enctype="multipart/form-data" id="visit-form" data-draft="<?cs var:DraftKey ?>">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.visit_date ?> has-error<?cs /if ?>"><label for="f-visit_date">走访日期 <abbr title="必填">*</abbr></label>
    <input type="date" id="f-visit_date" name="visit_date" value="<?cs var:Form.visit_date ?>" max="<?cs var:Today ?>" required><?cs call:field_error(Errors.visit_date) ?></div>
  <div class="field<?cs if:Errors.kind ?> has-error<?cs /if ?>"><label for="f-kind">方式 <abbr title="必填">*</abbr></label>
    <select id="f-kind" name="kind"><?cs each:k = Kinds ?><option value="<?cs var:k.code ?>"<?cs if:Form.kind == k.code ?> selected<?cs /if ?>><?cs var:k.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.kind) ?></div>
  <?cs call:text_field("seen", "见到的人（儿童本人、监护人等）", Form.seen, Errors.seen, 1) ?>
  <?cs call:text_field("living", "生活状况", Form.living, Errors.living, 0) ?>
  <?cs call:text_field("care", "监护人照料情况", Form.care, Errors.care, 0) ?>
  <?cs call:text_field("schooling", "就学情况", Form.schooling, Errors.schooling, 0) ?>
  <?cs call:text_field("health", "健康情况", Form.health, Errors.health, 0) ?>
  <fieldset id="concerns"><legend>发现的问题（安全隐患检查）</legend>
    <?cs each:k = Concerns ?><label class="check"><input type="checkbox" name="concern" value="<?cs var:k.code ?>"<?cs if:Checked.concern[k.code] ?> checked<?cs /if ?>> <?cs var:k.title ?></label><?cs /each ?>
    <?cs call:field_error(Errors.concern) ?>
    <div class="field"><label for="f-concern_note">问题说明（加密保存，不存入手机草稿）</label>
      <textarea id="f-concern_note" name="concern_note" maxlength="2000" data-nodraft><?cs var:Form.concern_note ?></textarea></div>
  </fieldset>
  <div class="field<?cs if:Errors.told ?> has-error<?cs /if ?>"><label for="f-told">向家庭告知的政策 <abbr title="必填">*</abbr></label>
    <textarea id="f-told" name="told" maxlength="1000" required><?cs var:Form.told ?></textarea><?cs call:field_error(Errors.told) ?></div>
  <fieldset id="helps"><legend>帮助申请</legend>
    <?cs each:k = Helps ?><label class="check"><input type="checkbox" name="help" value="<?cs var:k.code ?>"<?cs if:Checked.help[k.code] ?> checked<?cs /if ?>> <?cs var:k.title ?></label><?cs /each ?>
    <?cs call:field_error(Errors.help) ?>
  </fieldset>
  <div class="field"><label for="f-photo">照片（可不传；位置信息会被去除）</label>
    <input type="file" id="f-photo" name="photo" accept="image/jpeg,image/png"></div>
  <button type="submit">保存走访记录</button>
</form>
</div>
<script src="/village/draft.js"></script>
