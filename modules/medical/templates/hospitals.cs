<h1>医院收款账户</h1>
<p class="hint">选择“一站式结算”支付给医院的医疗救助，须先登记医院的收款账户（账号加密保存，只显示部分号码）。</p>
<table class="list" id="hospitals">
  <thead><tr><th scope="col">医院</th><th scope="col">开户行</th><th scope="col">账号</th><th scope="col">登记或更换</th></tr></thead>
  <tbody>
  <?cs each:h = Hospitals ?><tr><td><?cs var:h.name ?></td><td><?cs var:h.bank_name ?></td><td><?cs var:h.account_masked ?></td>
    <td><form method="post" action="/medical/hospitals/<?cs var:h.id ?>/account" class="inline"><?cs call:csrf() ?>
      <input type="text" name="bank" placeholder="开户行" maxlength="64" required aria-label="开户行">
      <input type="text" name="account" placeholder="账号（8-32 位数字）" maxlength="32" required aria-label="账号">
      <button type="submit">保存</button></form></td></tr><?cs /each ?>
  <?cs if:!subcount(Hospitals) ?><tr><td colspan="4">尚无医院（机构类型“医院、诊所”）。</td></tr><?cs /if ?>
  </tbody>
</table>
