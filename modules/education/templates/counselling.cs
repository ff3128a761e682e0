<h1><?cs var:Child.name ?>：心理辅导</h1>
<p class="hint">仅心理教师和县级未成年人保护工作人员可见。发现儿童遭受或疑似遭受侵害的，须立即强制报告。 <a id="report-link" href="/guardianship/report/new?child=<?cs var:Child.id ?>&amp;source=education">发起强制报告</a></p>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<table class="list" id="sessions">
  <thead><tr><th scope="col">日期</th><th scope="col">形式</th><th scope="col">关注等级</th><th scope="col">转介</th><th scope="col">记录</th></tr></thead>
  <tbody>
  <?cs each:x = Sessions ?><tr><td><?cs var:date(x.session_date) ?></td><td><?cs var:label("education.counsel_kind", x.kind) ?></td><td><?cs var:label("education.concern", x.concern) ?></td><td><?cs var:label("education.referral", x.referral) ?></td><td><?cs var:x.notes ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Sessions) ?><tr><td colspan="5">无。</td></tr><?cs /if ?>
  </tbody>
</table>
<section class="panel"><h2>记录辅导</h2>
<form method="post" action="/education/children/<?cs var:Child.id ?>/counselling" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-date">辅导日期</label><input type="date" id="f-date" name="session_date" required><?cs call:field_error(Errors.session_date) ?></div>
  <div class="field"><label for="f-kind">形式</label><select id="f-kind" name="kind"><?cs each:k = Kinds ?><option value="<?cs var:k.code ?>"><?cs var:k.title ?></option><?cs /each ?></select></div>
  <div class="field"><label for="f-concern">关注等级</label><select id="f-concern" name="concern"><?cs each:k = Concerns ?><option value="<?cs var:k.code ?>"><?cs var:k.title ?></option><?cs /each ?></select></div>
  <div class="field"><label for="f-referral">转介（选“强制报告”保存后直接进入报告）</label><select id="f-referral" name="referral"><?cs each:k = Referrals ?><option value="<?cs var:k.code ?>"><?cs var:k.title ?></option><?cs /each ?></select></div>
  <div class="field"><label for="f-notes">辅导记录（加密保存）</label><textarea id="f-notes" name="notes" maxlength="2000"></textarea></div>
  <button type="submit">保存</button>
</form></section>
