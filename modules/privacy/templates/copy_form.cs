<h1>监护人查阅复制：<?cs var:Child.name ?></h1>
<p class="hint">依《个人信息保护法》第四十五条，监护人可查阅、复制本系统保存的该儿童信息。受理前请核验申请人的身份证件和监护关系证明；出具的副本中，身份证号脱敏显示，强制报告人身份、侵害案件细节、公安转介和心理辅导记录依法不予提供。</p>
<section class="panel">
<h2>受理申请</h2>
<form method="post" action="/privacy/children/<?cs var:Child.id ?>/copy" class="narrow" id="copy-form">
  <?cs call:csrf() ?>
  <?cs call:text_field("requester", "申请人姓名", Form.requester, Errors.requester, 1) ?>
  <div class="field<?cs if:Errors.relationship ?> has-error<?cs /if ?>"><label for="f-rel">与儿童关系 <abbr title="必填">*</abbr></label>
    <select id="f-rel" name="relationship" required><option value="">请选择</option>
    <?cs each:o = Relationships ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Form.relationship ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?></select>
    <?cs call:field_error(Errors.relationship) ?></div>
  <div class="field<?cs if:Errors.id_checked ?> has-error<?cs /if ?>"><label><input type="checkbox" name="id_checked" value="1"> 已核验申请人身份证件和监护关系证明</label>
    <?cs call:field_error(Errors.id_checked) ?></div>
  <?cs call:text_field("note", "备注", Form.note, Errors.note, 0) ?>
  <button type="submit">记录申请并出具副本</button>
</form>
</section>
<table class="list" id="copies">
  <caption>已受理的查阅复制申请</caption>
  <thead><tr><th scope="col">编号</th><th scope="col">时间</th><th scope="col">申请人</th><th scope="col">关系</th><th scope="col">受理人</th></tr></thead>
  <tbody>
  <?cs each:c = Copies ?><tr><td><a href="/privacy/copies/<?cs var:c.id ?>">#<?cs var:c.id ?></a></td><td><?cs var:datetime(c.created_at) ?></td><td><?cs var:c.requester ?></td><td><?cs var:label("privacy.relationship", c.relationship) ?></td><td><?cs var:c.clerk ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Copies) ?><tr><td colspan="5">尚无申请。</td></tr><?cs /if ?>
  </tbody>
</table>
