<h1>强制报告</h1>
<p class="hint">发现未成年人遭受或疑似遭受不法侵害、面临危险的，应当<strong>立即向公安机关报案</strong>，并在此登记。报告人身份严格保密。</p>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<form method="post" action="/guardianship/report" class="narrow" id="report-form">
  <?cs call:csrf() ?>
  <input type="hidden" name="source" value="<?cs var:Form.source ?>">
  <?cs if:Child.id ?>
  <input type="hidden" name="child" value="<?cs var:Child.id ?>">
  <p id="report-child">儿童：<?cs var:Child.name ?>（<?cs var:division(Child.village_code) ?>）</p>
  <?cs else ?>
  <fieldset id="unidentified"><legend>身份不明的儿童</legend>
  <div class="field<?cs if:Errors.child_desc ?> has-error<?cs /if ?>"><label for="f-desc">儿童特征与发现地点 *</label>
    <textarea id="f-desc" name="child_desc" rows="3" maxlength="2000"><?cs var:Form.child_desc ?></textarea><?cs call:field_error(Errors.child_desc) ?></div>
  <div class="field<?cs if:Errors.place ?> has-error<?cs /if ?>"><label for="f-place">发现地（乡镇或村） *</label>
    <select id="f-place" name="place"><option value="">请选择</option>
    <?cs each:p = Places ?><option value="<?cs var:p.code ?>"<?cs if:Form.place == p.code ?> selected<?cs /if ?>><?cs if:p.level == "village" ?>　<?cs /if ?><?cs var:p.name ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.place) ?></div>
  </fieldset>
  <?cs /if ?>
  <div class="field<?cs if:Errors.situation ?> has-error<?cs /if ?>"><label for="f-situation">情形 *</label>
    <select id="f-situation" name="situation"><option value="">请选择</option>
    <?cs each:o = Situations ?><option value="<?cs var:o.code ?>"<?cs if:Form.situation == o.code ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.situation) ?></div>
  <div class="field<?cs if:Errors.found_at ?> has-error<?cs /if ?>"><label for="f-found">发现时间 *</label>
    <input type="datetime-local" id="f-found" name="found_at" value="<?cs var:Form.found_at ?>"><?cs call:field_error(Errors.found_at) ?></div>
  <div class="field<?cs if:Errors.facts ?> has-error<?cs /if ?>"><label for="f-facts">发现的情况 *</label>
    <textarea id="f-facts" name="facts" rows="5" maxlength="4000"><?cs var:Form.facts ?></textarea><?cs call:field_error(Errors.facts) ?></div>
  <fieldset id="police"><legend>向公安机关报案</legend>
  <div class="field<?cs if:Errors.police_org ?> has-error<?cs /if ?>"><label for="f-police">派出所</label>
    <select id="f-police" name="police_org"><option value="">请选择</option>
    <?cs each:o = Stations ?><option value="<?cs var:o.id ?>"<?cs if:Form.police_org == o.id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.police_org) ?></div>
  <div class="field<?cs if:Errors.police_at ?> has-error<?cs /if ?>"><label for="f-police-at">报警时间</label>
    <input type="datetime-local" id="f-police-at" name="police_at" value="<?cs var:Form.police_at ?>"><?cs call:field_error(Errors.police_at) ?></div>
  <?cs call:text_field("police_receipt", "报警回执编号", Form.police_receipt, Errors.police_receipt, 0) ?>
  <div class="field"><label for="f-none">未能报警（或未取得回执）的原因</label>
    <textarea id="f-none" name="police_none_reason" rows="2" maxlength="500"><?cs var:Form.police_none_reason ?></textarea></div>
  </fieldset>
  <?cs call:text_field("phone", "报告人联系电话（保密）", Form.phone, Errors.phone, 0) ?>
  <button type="submit">提交强制报告</button>
</form>
