<h1>村（居）代码</h1>
<p><a href="/children/import">返回导入台账</a></p>
<p class="hint">导入台账时，“村（居）代码”一列填写下表中的 12 位代码。</p>
<table class="list" id="village-codes">
  <caption>辖区内的村（居）（<?cs var:subcount(Villages) ?> 个）</caption>
  <thead><tr><th scope="col">乡镇（街道）</th><th scope="col">村（居）</th><th scope="col">代码</th></tr></thead>
  <tbody>
  <?cs each:v = Villages ?><tr><td><?cs var:v.township ?></td><td><?cs var:v.name ?></td><td><code><?cs var:v.code ?></code></td></tr><?cs /each ?>
  <?cs if:!subcount(Villages) ?><tr><td colspan="3">没有可选的村（居）。</td></tr><?cs /if ?>
  </tbody>
</table>
