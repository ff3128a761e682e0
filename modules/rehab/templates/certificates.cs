<h1>残疾人证到期提醒</h1>
<p>有效期 10 年；列出 <?cs var:WarnDays ?> 天内到期和已到期未换领的证件。一、二级残疾证到期未换领的，儿童的“重病重残”类别随之终止。</p>
<p class="hint">到期未换领的证件每天由系统自动标记失效（一级、二级同时退出重病重残类别）。</p>
<table class="list" id="certs">
  <thead><tr><th scope="col">儿童</th><th scope="col">村（社区）</th><th scope="col">证号尾号</th><th scope="col">类别等级</th><th scope="col">到期日</th><th scope="col">剩余天数</th></tr></thead>
  <tbody>
  <?cs each:k = Certs ?><tr<?cs if:k.days_left < 0 ?> class="overdue"<?cs /if ?>>
    <td><a href="/rehab/children/<?cs var:k.child_id ?>"><?cs var:k.child_name ?></a></td><td><?cs var:division(k.village_code) ?></td><td><?cs var:k.number_last4 ?></td>
    <td><?cs var:label("rehab.category", k.category) ?><?cs var:label("rehab.grade", k.grade) ?></td><td><?cs var:date(k.expires_on) ?></td>
    <td class="num"><?cs if:k.days_left < 0 ?><strong class="overdue-mark">已过期 <?cs var:0 - k.days_left ?> 天</strong><?cs else ?><?cs var:k.days_left ?><?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Certs) ?><tr><td colspan="6">没有即将到期的证件。</td></tr><?cs /if ?>
  </tbody>
</table>
