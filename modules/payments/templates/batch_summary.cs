<div class="print">
<h1><?cs var:Batch.title ?> 发放汇总表</h1>
<p>模块：<?cs var:label("payments.module", Batch.module) ?>　项目：<?cs var:label(Batch.programme_kind, Batch.programme) ?>　月份：<?cs var:Batch.period ?>　状态：<span id="batch-status"><?cs var:label("payments.status", Batch.status) ?></span><?cs if:Batch.locked_at ?>（<?cs var:Batch.locked_by ?> 于 <?cs var:datetime(Batch.locked_at) ?> 锁定）<?cs /if ?>。金额单位：元。</p>
<table class="list" id="summary">
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">项目</th><th scope="col">人数</th><th scope="col">明细数</th><th scope="col">金额（元）</th></tr></thead>
  <tbody>
  <?cs each:g = Grid ?><tr><td><?cs var:division(g.township_code) ?></td><td><?cs var:label(Batch.programme_kind, g.programme) ?></td><td class="num"><?cs var:g.children ?></td><td class="num"><?cs var:g.n_lines ?></td><td class="num"><?cs var:money(g.amount_fen) ?></td></tr><?cs /each ?>
  </tbody>
  <tfoot><tr><th scope="row" colspan="2">合计</th><td class="num"><?cs var:Total.children ?></td><td class="num"><?cs var:Total.n_lines ?></td><td class="num" id="summary-total"><?cs var:money(Total.amount_fen) ?></td></tr></tfoot>
</table>
<?cs include!"batch_totals.cs" ?>
<p>制表人：<?cs var:PrintedBy ?>　　制表日期：<?cs var:PrintedOn ?>　　复核人：__________　　审批人：__________</p>
</div>
