<h1>站点信息</h1>
<p>本平台服务酉阳土家族苗族自治县 <?cs var:About.Townships ?> 个乡镇（街道）的困境儿童保障工作。</p>
<table class="list">
  <caption>乡镇（街道）</caption>
  <thead><tr><th scope="col">区划代码</th><th scope="col">名称</th><th scope="col">类型</th></tr></thead>
  <tbody>
  <?cs each:t = Towns ?>
    <tr><td><?cs var:t.code ?></td><td><?cs var:t.name ?></td><td><?cs var:t.type ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
