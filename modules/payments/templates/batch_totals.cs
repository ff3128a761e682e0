<table class="list" id="by-town">
  <caption>按乡镇（街道）汇总</caption>
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">人数</th><th scope="col">明细数</th><th scope="col">金额（元）</th></tr></thead>
  <tbody>
  <?cs each:t = Towns ?><tr data-town="<?cs var:t.township_code ?>"><td><?cs var:division(t.township_code) ?></td><td class="num"><?cs var:t.children ?></td><td class="num"><?cs var:t.n_lines ?></td><td class="num"><?cs var:money(t.amount_fen) ?></td></tr><?cs /each ?>
  </tbody>
  <tfoot><tr><th scope="row">合计</th><td class="num"><?cs var:Total.children ?></td><td class="num" id="total-lines"><?cs var:Total.n_lines ?></td><td class="num" id="total-amount"><?cs var:money(Total.amount_fen) ?></td></tr></tfoot>
</table>
<table class="list" id="by-programme">
  <caption>按项目汇总</caption>
  <thead><tr><th scope="col">项目</th><th scope="col">人数</th><th scope="col">明细数</th><th scope="col">金额（元）</th></tr></thead>
  <tbody>
  <?cs each:p = Programmes ?><tr data-programme="<?cs var:p.programme ?>"><td><?cs var:label(Batch.programme_kind, p.programme) ?></td><td class="num"><?cs var:p.children ?></td><td class="num"><?cs var:p.n_lines ?></td><td class="num"><?cs var:money(p.amount_fen) ?></td></tr><?cs /each ?>
  </tbody>
</table>
