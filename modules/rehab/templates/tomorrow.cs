<h1>明天计划：残疾孤儿手术康复</h1>
<table class="list" id="candidates">
  <caption>候选儿童（在册孤儿，有残疾）</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">出生日期</th><th scope="col">村（社区）</th><th scope="col">残疾</th><th scope="col">转介</th></tr></thead>
  <tbody>
  <?cs each:c = Candidates ?><tr>
    <td><a href="/children/<?cs var:c.id ?>"><?cs var:c.name ?></a></td><td><?cs var:date(c.birth_date) ?></td><td><?cs var:division(c.village_code) ?></td>
    <td><?cs var:label("rehab.category", c.disability_type) ?><?cs var:label("rehab.grade", c.disability_grade) ?></td>
    <td><?cs if:c.referral_id ?><a href="/rehab/referrals/<?cs var:c.referral_id ?>">已转介 #<?cs var:c.referral_id ?></a><?cs /if ?>
      <form method="post" action="/rehab/children/<?cs var:c.id ?>/tomorrow" class="inline"><?cs call:csrf() ?>
      <select name="hospital" aria-label="定点医院"><?cs each:h = Hospitals ?><option value="<?cs var:h.id ?>"><?cs var:h.name ?></option><?cs /each ?></select>
      <button type="submit">转介手术</button></form></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Candidates) ?><tr><td colspan="5">没有候选儿童。</td></tr><?cs /if ?>
  </tbody>
</table>
