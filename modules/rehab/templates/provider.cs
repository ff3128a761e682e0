<h1>本机构康复儿童</h1>
<table class="list" id="plans">
  <thead><tr><th scope="col">儿童</th><th scope="col">项目</th><th scope="col">起始月份</th><th scope="col">月数</th><th scope="col">金额（元）</th><th scope="col">最近记录</th></tr></thead>
  <tbody>
  <?cs each:p = Plans ?><tr>
    <td><a href="/rehab/plans/<?cs var:p.id ?>"><?cs var:p.child_name ?></a></td><td><?cs var:label("rehab.service", p.service) ?></td>
    <td><?cs var:date(p.start_month) ?></td><td class="num"><?cs var:p.months ?></td><td class="num"><?cs var:money(p.amount_fen) ?></td><td><?cs var:date(p.last_month) ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Plans) ?><tr><td colspan="6">本机构暂无转介的康复儿童。</td></tr><?cs /if ?>
  </tbody>
</table>
