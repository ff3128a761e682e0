<h1>月度发放</h1>
<form method="post" action="/living/payments/generate" class="panel">
  <?cs call:csrf() ?>
  <div class="field">
    <label for="f-month">月份</label>
    <input type="month" id="f-month" name="month" value="<?cs if:Form.month ?><?cs var:Form.month ?><?cs else ?><?cs var:ThisMonth ?><?cs /if ?>" max="<?cs var:NextMonth ?>" pattern="[0-9]{4}-[0-9]{2}" required>
    <?cs call:field_error(Errors.month) ?>
  </div>
  <button type="submit">生成发放名单</button>
  <span class="hint">每月一个支付批次，可提前生成下个月（<?cs var:NextMonth ?>）的名单；锁定前可随时重新生成，只补上新增的记录，已生成的记录保持不变。锁定后批准的待遇作为补发自动计入下一个未锁定的月份。复核、锁定、银行代发文件和汇总表在支付台账中办理。</span>
</form>
<table class="list">
  <caption>各月发放名单</caption>
  <thead><tr><th scope="col">月份</th><th scope="col">状态</th><th scope="col">记录数</th><th scope="col">其中补发</th><th scope="col">金额（元）</th><th scope="col">锁定</th><th scope="col">支付台账</th></tr></thead>
  <tbody>
  <?cs each:m = Months ?>
    <tr data-month="<?cs var:m.month ?>">
      <td><a href="/payments/batch/<?cs var:m.batch_id ?>"><?cs var:m.month ?></a></td>
      <td><?cs var:label("payments.status", m.status) ?><?cs if:m.ahead == "1" ?>（提前生成）<?cs /if ?></td>
      <td class="num"><?cs var:m.lines ?></td>
      <td class="num" data-backpay="<?cs var:m.month ?>"><?cs var:m.backpay ?></td>
      <td class="num"><?cs var:money(m.amount_fen) ?></td>
      <td><?cs if:m.locked_at ?><?cs var:m.locked_by ?> <?cs var:datetime(m.locked_at) ?><?cs /if ?></td>
      <td><a href="/payments/batch/<?cs var:m.batch_id ?>">明细、复核与锁定</a> · <a href="/payments/batch/<?cs var:m.batch_id ?>/summary">汇总表</a></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Months) ?><tr><td colspan="7">还没有生成过发放名单。</td></tr><?cs /if ?>
  </tbody>
</table>
