<h1>康复救助申请：<?cs var:Child.name ?></h1>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<form method="post" action="/rehab/apply" class="narrow">
  <?cs call:csrf() ?>
  <input type="hidden" name="child" value="<?cs var:Child.id ?>">
  <div class="field"><label for="f-service">救助项目</label><select id="f-service" name="service"><?cs each:v = Services ?><option value="<?cs var:v.code ?>"<?cs if:Form.service == v.code ?> selected<?cs /if ?>><?cs var:v.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.service) ?></div>
  <div class="field"><label for="f-provider">定点机构</label><select id="f-provider" name="provider"><?cs each:p = Providers ?><option value="<?cs var:p.id ?>"<?cs if:Form.provider == p.id ?> selected<?cs /if ?>><?cs var:p.name ?>（<?cs var:labels("rehab.service", p.services) ?>，<?cs var:money(p.price_fen) ?> 元）</option><?cs /each ?></select><?cs call:field_error(Errors.provider) ?></div>
  <?cs call:text_field("months", "月数（手术、辅助器具填 1）", Form.months, Errors.months, 1) ?>
  <?cs call:text_field("amount", "金额（元/月，一次性项目为总额）", Form.amount, Errors.amount, 1) ?>
  <div class="field"><label for="f-note">情况说明</label><textarea id="f-note" name="note" maxlength="500"><?cs var:Form.note ?></textarea></div>
  <button type="submit">提交申请</button>
</form>
