<div class="print">
<h1><?cs var:Batch.title ?> 发放汇总表</h1>
<p id="issued-by">填报单位（盖章）：<?cs var:IssuedBy ?></p>
<p>模块：<?cs var:label("payments.module", Batch.module) ?>　项目：<?cs var:label(Batch.programme_kind, Batch.programme) ?>　月份：<?cs var:Batch.period ?>　状态：<span id="batch-status"><?cs var:label("payments.status", Batch.status) ?></span><?cs if:Batch.locked_at ?>（<?cs var:Batch.locked_by ?> 于 <?cs var:datetime(Batch.locked_at) ?> 锁定）<?cs /if ?>。金额单位：元。</p>
<table class="list" id="summary">
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">项目</th><th scope="col">人数</th><th scope="col">明细数</th><th scope="col">金额（元）</th></tr></thead>
  <tbody>
  <?cs each:g = Grid ?><tr><td><?cs var:division(g.township_code) ?></td><td><?cs var:label(Batch.programme_kind, g.programme) ?></td><td class="num"><?cs var:g.children ?></td><td class="num"><?cs var:g.n_lines ?></td><td class="num"><?cs var:money(g.amount_fen) ?></td></tr><?cs /each ?>
  </tbody>
  <tfoot><tr><th scope="row" colspan="2">合计</th><td class="num" id="summary-children"><?cs var:Total.children ?></td><td class="num"><?cs var:Total.n_lines ?></td><td class="num" id="summary-total"><?cs var:money(Total.amount_fen) ?></td></tr>
  <tr><th scope="row" colspan="2">合计人民币（大写）</th><td colspan="3" id="summary-upper"><?cs var:TotalUpper ?></td></tr></tfoot>
</table>
<p id="summary-people">合计发放 <?cs var:Total.children ?> 人，<?cs var:Total.n_lines ?> 条明细，金额 <?cs var:money(Total.amount_fen) ?> 元（人民币<?cs var:TotalUpper ?>）。</p>
<?cs include!"batch_totals.cs" ?>
<p id="signatures">制表人：<?cs var:PrintedBy ?>　　制表日期：<?cs var:PrintedOn ?>　　经办人（签字）：__________　　复核人（签字）：__________　　审批人（签字）：__________</p>
<p id="seal">单位负责人（签字）：__________　　　　（单位盖章）　　　　____年__月__日</p>
</div>
