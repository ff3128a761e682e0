<h1>新模块</h1>
<p><a href="/skeleton/new">新建</a> · <a href="/skeleton/export.csv">导出 CSV</a></p>
<table class="list" id="items">
  <thead><tr><th scope="col">名称</th><th scope="col">金额（元）</th><th scope="col">日期</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?cs each:i = Items ?><tr>
    <td><a href="/skeleton/<?cs var:i.id ?>"><?cs var:i.title ?></a></td>
    <td class="num"><?cs var:money(i.amount_fen) ?></td>
    <td><?cs var:date(i.day) ?></td>
    <td><?cs var:label("skeleton.status", i.status) ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Items) ?><tr><td colspan="4">尚无记录。</td></tr><?cs /if ?>
  </tbody>
</table>
