<?cs include:"wf_macros.cs" ?>
<h1>残疾儿童康复</h1>
<p><a href="/rehab/referrals">转介诊断</a> · <a href="/rehab/tomorrow">明天计划</a> · <a href="/rehab/claims">月度结算</a> · <a href="/rehab/providers">康复机构</a> · <a href="/rehab/certificates">残疾人证到期</a> · <a href="/rehab/reports">统计</a></p>
<section class="panel" id="inbox-section">
  <h2>待我办理（<?cs var:InboxCount ?>）</h2>
  <?cs call:wf_inbox_paged("/rehab", 0) ?>
  <?cs if:InboxSelect ?><?cs call:wf_batch_form("/rehab/applications/batch") ?><?cs /if ?>
</section>
<section class="panel" id="new-round">
  <h2>新建筛查轮次</h2>
  <form method="post" action="/rehab/rounds" class="narrow">
    <?cs call:csrf() ?>
    <div class="field"><label for="f-org">筛查机构</label>
      <select id="f-org" name="org" required><?cs each:h = Hospitals ?><option value="<?cs var:h.id ?>"><?cs var:h.name ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-town">乡镇</label>
      <select id="f-town" name="township" required><?cs each:t = Townships ?><option value="<?cs var:t.code ?>"><?cs var:t.name ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-day">筛查日期</label>
      <input type="date" id="f-day" name="day" value="<?cs var:Today ?>" max="<?cs var:Today ?>" required></div>
    <?cs call:text_field("place", "筛查地点", Form.place, Errors.place, 1) ?>
    <button type="submit">建立</button>
  </form>
</section>
<table class="list" id="rounds">
  <caption>筛查轮次</caption>
  <thead><tr><th scope="col">日期</th><th scope="col">乡镇</th><th scope="col">地点</th><th scope="col">机构</th><th scope="col">已筛查</th><th scope="col">疑似</th></tr></thead>
  <tbody>
  <?cs each:i = Rounds ?><tr>
    <td><a href="/rehab/rounds/<?cs var:i.id ?>"><?cs var:date(i.day) ?></a></td>
    <td><?cs var:division(i.township_code) ?></td><td><?cs var:i.place ?></td><td><?cs var:i.org_name ?></td>
    <td class="num"><?cs var:i.screened ?></td><td class="num"><?cs var:i.suspected ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Rounds) ?><tr><td colspan="6">尚无筛查轮次。</td></tr><?cs /if ?>
  </tbody>
</table>
<table class="list" id="unreferred">
  <caption>疑似残疾、尚未转介诊断的儿童</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">村（社区）</th><th scope="col">筛查日期</th><th scope="col">转介</th></tr></thead>
  <tbody>
  <?cs each:u = Unreferred ?><tr>
    <td><?cs if:u.child_id ?><a href="/children/<?cs var:u.child_id ?>"><?cs var:u.name ?></a><?cs else ?><?cs var:u.name ?>（未入册）<?cs /if ?></td>
    <td><?cs var:division(u.village_code) ?></td><td><?cs var:date(u.day) ?></td>
    <td><form method="post" action="/rehab/screenings/<?cs var:u.id ?>/refer" class="inline"><?cs call:csrf() ?>
      <select name="hospital" aria-label="诊断医院"><?cs each:h = Hospitals ?><option value="<?cs var:h.id ?>"<?cs if:h.dflt == "1" ?> selected<?cs /if ?>><?cs var:h.name ?></option><?cs /each ?></select>
      <button type="submit">转介诊断</button></form></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Unreferred) ?><tr><td colspan="4">没有待转介的疑似儿童。</td></tr><?cs /if ?>
  </tbody>
</table>
