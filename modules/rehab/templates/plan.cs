<?cs with:p = Plan ?>
<h1>康复计划 #<?cs var:p.id ?>：<?cs var:p.child_name ?></h1>
<dl id="plan">
  <dt>项目</dt><dd><?cs var:label("rehab.service", p.service) ?>，<?cs var:p.org_name ?></dd>
  <dt>期限</dt><dd><?cs var:date(p.start_month) ?> 起 <?cs var:p.months ?> 个月（至 <?cs var:p.end_month ?>）</dd>
  <dt>金额</dt><dd><?cs var:money(p.amount_fen) ?> 元<?cs if:p.months > 1 ?>/月<?cs /if ?></dd>
</dl>
<table class="list" id="months">
  <thead><tr><th scope="col">月份</th><th scope="col">出勤天数</th><th scope="col">康复进展</th><th scope="col">评估得分</th><th scope="col">申请结算（元）</th><th scope="col">状态</th><th scope="col">结算（元）</th></tr></thead>
  <tbody>
  <?cs each:m = Months ?><tr>
    <td><?cs var:m.month ?></td><td class="num"><?cs var:m.days ?></td><td><?cs var:m.progress ?></td><td class="num"><?cs var:m.score ?></td>
    <td class="num"><?cs var:money(m.claim_fen) ?></td><td><?cs var:label("rehab.month_status", m.status) ?> <?cs var:m.decision ?></td><td class="num"><?cs var:money(m.paid_fen) ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Months) ?><tr><td colspan="7">尚无记录。</td></tr><?cs /if ?>
  </tbody>
</table>
<section class="panel" id="month-form">
  <h2>记录本月训练并申请结算（康复机构）</h2>
  <form method="post" action="/rehab/plans/<?cs var:p.id ?>/months" class="narrow">
    <?cs call:csrf() ?>
    <?cs call:text_field("month", "月份（YYYY-MM）", ThisMonth, "", 1) ?>
    <?cs call:text_field("days", "出勤天数", "", "", 1) ?>
    <div class="field"><label for="f-progress">康复进展</label><textarea id="f-progress" name="progress" maxlength="1000" required></textarea></div>
    <?cs call:text_field("score", "评估得分（首月及每 6 个月必填，0-100）", "", "", 0) ?>
    <?cs call:text_field("claim", "申请结算金额（元）", "", "", 1) ?>
    <button type="submit">提交</button>
  </form>
</section>
<?cs /with ?>
