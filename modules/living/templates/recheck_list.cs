<h1>低保复核提醒</h1>
<p class="summary">今天 <?cs var:Today ?>；以下为已到期或 30 天内到期的低保家庭儿童复核，共 <?cs var:RecheckCount ?> 条。</p>
<table class="list" id="rechecks">
  <thead><tr><th scope="col">儿童</th><th scope="col">乡镇（街道）</th><th scope="col">村（居）</th><th scope="col">复核周期</th><th scope="col">应复核日期</th><th scope="col">状态</th><?cs if:CanRecheck == "1" ?><th scope="col">记录复核</th><?cs /if ?></tr></thead>
  <tbody>
  <?cs each:x = Rechecks ?>
    <tr<?cs if:x.overdue == "1" ?> class="overdue"<?cs /if ?>><td><a href="/children/<?cs var:x.child_id ?>"><?cs var:x.child ?></a></td><td><?cs var:division(x.township_code) ?></td><td><?cs var:division(x.village_code) ?></td><td><?cs if:x.every ?>每 <?cs var:x.every ?> 个月<?cs /if ?></td><td><?cs var:x.next_recheck ?></td><td><?cs if:x.overdue == "1" ?><strong>已逾期</strong><?cs else ?>即将到期<?cs /if ?></td><?cs if:CanRecheck == "1" ?><td><form method="post" action="/living/rechecks/<?cs var:x.id ?>" class="inline-form"><?cs call:csrf() ?><label>结论 <input type="text" name="result" maxlength="200" required placeholder="如：家庭情况无变化，继续保障"></label> <button type="submit">已复核</button></form></td><?cs /if ?></tr>
  <?cs /each ?>
  <?cs if:!subcount(Rechecks) ?><tr><td colspan="7">没有待复核的低保家庭。</td></tr><?cs /if ?>
  </tbody>
</table>
