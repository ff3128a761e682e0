<h1>支付台账</h1>
<form method="get" action="/payments/batch" class="filters">
  <div class="field"><label for="f-module">模块</label><input type="text" id="f-module" name="module" value="<?cs var:Form.module ?>" maxlength="32"></div>
  <div class="field"><label for="f-programme">项目代码</label><input type="text" id="f-programme" name="programme" value="<?cs var:Form.programme ?>" maxlength="32"></div>
  <div class="field"><label for="f-period">月份</label><input type="month" id="f-period" name="period" value="<?cs var:Form.period ?>"></div>
  <button type="submit">筛选</button>
</form>
<p class="hint">各业务模块建立的发放批次。明细和金额只统计您辖区内的记录。</p>
<table class="list" id="batches">
  <thead><tr><th scope="col">批次</th><th scope="col">模块</th><th scope="col">项目</th><th scope="col">月份</th><th scope="col">状态</th><th scope="col">明细数</th><th scope="col">金额（元）</th><th scope="col">建立时间</th></tr></thead>
  <tbody>
  <?cs each:b = Batches ?><tr data-batch="<?cs var:b.id ?>">
    <td><a href="/payments/batch/<?cs var:b.id ?>"><?cs var:b.title ?></a></td>
    <td><?cs var:label("payments.module", b.module) ?></td>
    <td><?cs var:label(b.module + ".programme", b.programme) ?></td>
    <td><?cs var:b.period ?></td>
    <td data-status="<?cs var:b.status ?>"><?cs var:label("payments.status", b.status) ?></td>
    <td class="num"><?cs var:b.n_lines ?></td>
    <td class="num"><?cs var:money(b.amount_fen) ?></td>
    <td><?cs var:datetime(b.created_at) ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Batches) ?><tr><td colspan="8">没有符合条件的发放批次。</td></tr><?cs /if ?>
  </tbody>
</table>
