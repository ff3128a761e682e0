<?cs # Care offers: foster, entrusted care, caring sponsorship. ?>
<h1>爱心寄养与助养</h1>
<table class="list" id="offers">
  <thead><tr><th scope="col">编号</th><th scope="col">提供方</th><th scope="col">关爱方式</th><th scope="col">区域</th><th scope="col">联系人</th><th scope="col">已匹配/可照料</th><th scope="col">状态</th></tr></thead>
  <tbody><?cs each:f = Offers ?><tr>
    <td><?cs var:f.id ?></td><td><a href="/volunteer/care/<?cs var:f.id ?>"><?cs var:f.offerer ?></a>（<?cs var:label("volunteer.offerer", f.offerer_kind) ?>）</td>
    <td><?cs var:label("volunteer.care_kind", f.kind) ?></td><td><?cs var:f.area ?></td><td><?cs var:f.contact_name ?> <?cs var:f.contact_phone ?></td>
    <td class="num"><?cs var:f.matched ?>/<?cs var:f.capacity ?></td><td><?cs var:label("volunteer.care_status", f.status) ?></td>
  </tr><?cs /each ?></tbody>
</table>
<form method="post" action="/volunteer/care" class="panel">
  <?cs call:csrf() ?>
  <h2>登记关爱意向</h2>
  <div class="field"><label for="f-ok">提供方类型</label><select id="f-ok" name="offerer_kind"><option value="family">家庭</option><option value="org">组织</option></select></div>
  <div class="field"><label for="f-of">提供方</label><input type="text" id="f-of" name="offerer" maxlength="100" required></div>
  <div class="field"><label for="f-cn">联系人</label><input type="text" id="f-cn" name="contact_name" maxlength="64" required></div>
  <div class="field"><label for="f-cp">联系电话</label><input type="text" id="f-cp" name="contact_phone" maxlength="32" required></div>
  <div class="field"><label for="f-k">关爱方式</label><select id="f-k" name="kind"><option value="foster">家庭寄养</option><option value="entrusted">委托代养</option><option value="sponsor">爱心助养</option></select></div>
  <div class="field"><label for="f-a">服务区域</label><select id="f-a" name="area_code"><?cs each:a = Areas ?><option value="<?cs var:a.code ?>"><?cs var:a.name ?></option><?cs /each ?></select></div>
  <div class="field"><label for="f-c">可照料人数</label><input type="number" id="f-c" name="capacity" min="1" max="100" value="1" required></div>
  <div class="field"><label for="f-n">备注</label><textarea id="f-n" name="notes" maxlength="1000"></textarea></div>
  <button type="submit">登记</button>
</form>
