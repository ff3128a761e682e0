<?cs include!"pay_macros.cs" ?>
<div class="print">
<h1>酉阳县困境儿童基本生活保障金发放汇总表（<?cs var:Month.month ?>）</h1>
<p>名单状态：<?cs call:month_status(Month.status) ?><?cs if:Month.locked_at ?>（<?cs var:Month.locked_by ?> 于 <?cs var:datetime(Month.locked_at) ?> 锁定）<?cs /if ?>。金额单位：元。</p>
<table class="list" id="summary">
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">保障项目</th><th scope="col">人数</th><th scope="col">记录数</th><th scope="col">金额（元）</th></tr></thead>
  <tbody>
  <?cs each:t = Totals.Towns ?>
    <?cs each:x = Totals.Rows ?><?cs if:x.township_code == t.township_code ?>
    <tr><td><?cs var:division(t.township_code) ?></td><td><?cs var:label("living.benefit", x.benefit) ?></td><td class="num"><?cs var:x.children ?></td><td class="num"><?cs var:x.lines ?></td><td class="num"><?cs var:money(x.amount_fen) ?></td></tr>
    <?cs /if ?><?cs /each ?>
    <tr class="subtotal"><th scope="row" colspan="3"><?cs var:division(t.township_code) ?> 小计</th><td class="num"><?cs var:t.lines ?></td><td class="num"><?cs var:money(t.amount_fen) ?></td></tr>
  <?cs /each ?>
  </tbody>
  <tfoot><tr><th scope="row" colspan="3">合计</th><td class="num"><?cs var:Totals.lines ?></td><td class="num" id="summary-total"><?cs var:money(Totals.amount_fen) ?></td></tr></tfoot>
</table>
<p>制表人：<?cs var:PrintedBy ?>　　制表日期：<?cs var:PrintedOn ?>　　复核人：__________　　审批人：__________</p>
</div>
