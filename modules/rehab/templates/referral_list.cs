<h1>转介诊断</h1>
<table class="list" id="referrals">
  <thead><tr><th scope="col">编号</th><th scope="col">事项</th><th scope="col">儿童</th><th scope="col">村（社区）</th><th scope="col">医院</th><th scope="col">转介日期</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?cs each:f = Referrals ?><tr<?cs if:f.status == "referred" && f.days > SuspectedDays ?> class="overdue"<?cs /if ?>>
    <td><a href="/rehab/referrals/<?cs var:f.id ?>">#<?cs var:f.id ?></a></td>
    <td><?cs var:label("rehab.referral_kind", f.kind) ?></td>
    <td><?cs var:f.child_name ?></td><td><?cs var:division(f.village_code) ?></td><td><?cs var:f.org_name ?></td>
    <td><?cs var:date(f.referred_on) ?></td>
    <td><?cs if:f.status == "done" ?><?cs var:label("rehab.result", f.result) ?><?cs else ?><?cs var:label("rehab.referral_status", f.status) ?><?cs if:f.days > SuspectedDays ?> <strong class="overdue-mark">已 <?cs var:f.days ?> 天</strong><?cs /if ?><?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Referrals) ?><tr><td colspan="7">没有转介记录。</td></tr><?cs /if ?>
  </tbody>
</table>
