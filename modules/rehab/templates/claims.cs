<h1>康复救助月度结算</h1>
<table class="list" id="claims">
  <thead><tr><th scope="col">儿童</th><th scope="col">机构</th><th scope="col">项目</th><th scope="col">月份</th><th scope="col">出勤</th><th scope="col">计划金额（元）</th><th scope="col">申请（元）</th><th scope="col">状态</th><th scope="col">结算</th></tr></thead>
  <tbody>
  <?cs each:m = Claims ?><tr>
    <td><a href="/rehab/plans/<?cs var:m.plan_id ?>"><?cs var:m.child_name ?></a></td><td><?cs var:m.org_name ?></td><td><?cs var:label("rehab.service", m.service) ?></td>
    <td><?cs var:m.month ?></td><td class="num"><?cs var:m.days ?></td><td class="num"><?cs var:money(m.amount_fen) ?></td><td class="num"><?cs var:money(m.claim_fen) ?></td>
    <td><?cs var:label("rehab.month_status", m.status) ?> <?cs var:m.decision ?></td>
    <td><?cs if:m.status == "submitted" ?><form method="post" action="/rehab/months/<?cs var:m.id ?>/settle" class="inline"><?cs call:csrf() ?><button type="submit">核对并结算</button></form><?cs else ?><?cs var:money(m.paid_fen) ?><?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Claims) ?><tr><td colspan="9">没有结算申请。</td></tr><?cs /if ?>
  </tbody>
</table>
