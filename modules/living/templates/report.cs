<h1>基本生活保障月报</h1>
<form method="get" action="/living/report" class="panel">
  <div class="field"><label for="f-month">月份</label>
    <input type="month" id="f-month" name="month" value="<?cs if:Form.month ?><?cs var:Form.month ?><?cs else ?><?cs var:Month ?><?cs /if ?>" pattern="[0-9]{4}-[0-9]{2}">
    <?cs call:field_error(Errors.month) ?></div>
  <button type="submit">查看</button>
  <?cs if:Month ?><a class="button" href="/living/report/xlsx?month=<?cs var:Month ?>">导出 Excel</a><?cs /if ?>
</form>
<?cs if:Month ?>
<table class="list" id="report">
  <caption><?cs var:Month ?> 按乡镇（街道）和保障类别统计（当月发放名单，含补发；金额单位：元）</caption>
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">保障类别</th><th scope="col">人数</th><th scope="col">金额（元）</th><th scope="col">其中补发（笔）</th></tr></thead>
  <tbody>
  <?cs each:x = Rows ?><tr data-town="<?cs var:x.township_code ?>" data-benefit="<?cs var:x.programme ?>"><td><?cs var:x.town ?></td><td><?cs var:label("living.benefit", x.programme) ?></td><td class="num"><?cs var:x.children ?></td><td class="num"><?cs var:money(x.amount_fen) ?></td><td class="num"><?cs var:x.backpay ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Rows) ?><tr><td colspan="5">该月发放名单尚未生成，或您辖区内没有发放记录。</td></tr><?cs /if ?>
  </tbody>
  <tfoot><tr><th scope="row" colspan="2">合计</th><td class="num" id="report-children"><?cs var:Total.children ?></td><td class="num" id="report-amount"><?cs var:money(Total.amount_fen) ?></td><td class="num"><?cs var:Total.backpay ?></td></tr></tfoot>
</table>
<?cs /if ?>
