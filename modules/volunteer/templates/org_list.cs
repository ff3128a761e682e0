<?cs # Partner organisations: the list and the registration form. ?>
<h1>社会组织</h1>
<p class="hint">社会组织也可以在 <a href="/volunteer/apply">合作申请页面</a>自行提交合作申请（无需账号），申请显示为“待审核（自行申请）”。</p>
<table class="list" id="orgs">
  <caption>已登记的社会组织</caption>
  <thead><tr><th scope="col">名称</th><th scope="col">登记证号</th><th scope="col">联系人</th><th scope="col">服务区域</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?cs each:o = Orgs ?>
    <tr>
      <td><a href="/volunteer/orgs/<?cs var:o.id ?>"><?cs var:o.name ?></a></td>
      <td><?cs var:o.reg_no ?></td>
      <td><?cs var:o.contact_name ?> <?cs var:o.contact_phone ?></td>
      <td><?cs var:o.areas ?></td>
      <td data-status="<?cs var:o.status ?>"><?cs var:label("volunteer.org_status", o.status) ?><?cs if:o.self_applied == "1" ?>（自行申请）<?cs /if ?></td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
<form method="post" action="/volunteer/orgs" class="panel">
  <?cs call:csrf() ?>
  <h2>登记社会组织</h2>
  <div class="field"><label for="f-code">组织代码</label><input type="text" id="f-code" name="code" maxlength="32" pattern="[A-Za-z0-9_.\-]+" required><span class="hint">字母、数字、下划线，用于系统内部标识。</span></div>
  <div class="field"><label for="f-name">组织名称</label><input type="text" id="f-name" name="name" maxlength="128" required></div>
  <div class="field"><label for="f-reg">登记证号</label><input type="text" id="f-reg" name="reg_no" maxlength="64" pattern="[A-Za-z0-9_.\-]+" required></div>
  <div class="field"><label for="f-cn">联系人</label><input type="text" id="f-cn" name="contact_name" maxlength="64" required></div>
  <div class="field"><label for="f-cp">联系电话</label><input type="text" id="f-cp" name="contact_phone" maxlength="32" pattern="[0-9\-]+" required></div>
  <div class="field"><label for="f-areas">服务区域（乡镇区划代码）</label><input type="text" id="f-areas" name="areas" maxlength="400" required>
    <span class="hint">多个用逗号分隔。可选：<?cs each:t = Townships ?><?cs var:t.name ?> <?cs var:t.code ?>；<?cs /each ?></span></div>
  <div class="field"><label for="f-types">服务类型</label><input type="text" id="f-types" name="service_types" maxlength="200"></div>
  <button type="submit">登记</button>
</form>
