<?cs # One care offer and the children matched to it. ?>
<?cs with:f = Offer ?>
<h1><?cs var:f.offerer ?>（<?cs var:label("volunteer.care_kind", f.kind) ?>）</h1>
<section class="panel" id="info">
  <dl>
    <dt>提供方类型</dt><dd><?cs var:label("volunteer.offerer", f.offerer_kind) ?></dd>
    <dt>联系人</dt><dd><?cs var:f.contact_name ?> <?cs var:f.contact_phone ?></dd>
    <dt>服务区域</dt><dd><?cs var:f.area ?></dd>
    <dt>可照料人数</dt><dd><?cs var:f.capacity ?></dd>
    <dt>备注</dt><dd><?cs var:f.notes ?></dd>
    <dt>状态</dt><dd id="status" data-status="<?cs var:f.status ?>"><?cs var:label("volunteer.care_status", f.status) ?></dd>
  </dl>
  <details id="edit-offer"><summary>修改意向信息</summary>
  <form method="post" action="/volunteer/care/<?cs var:f.id ?>/edit">
    <?cs call:csrf() ?>
    <div class="field"><label for="e-ok">提供方类型</label><select id="e-ok" name="offerer_kind"><option value="family"<?cs if:f.offerer_kind == "family" ?> selected<?cs /if ?>>家庭</option><option value="org"<?cs if:f.offerer_kind == "org" ?> selected<?cs /if ?>>组织</option></select></div>
    <div class="field"><label for="e-of">提供方</label><input type="text" id="e-of" name="offerer" value="<?cs var:f.offerer ?>" maxlength="100" required></div>
    <div class="field"><label for="e-cn">联系人</label><input type="text" id="e-cn" name="contact_name" value="<?cs var:f.contact_name ?>" maxlength="64" required></div>
    <div class="field"><label for="e-cp">联系电话</label><input type="text" id="e-cp" name="contact_phone" value="<?cs var:f.contact_phone ?>" maxlength="32" required></div>
    <div class="field"><label for="e-k">关爱方式</label><select id="e-k" name="kind"><option value="foster"<?cs if:f.kind == "foster" ?> selected<?cs /if ?>>家庭寄养</option><option value="entrusted"<?cs if:f.kind == "entrusted" ?> selected<?cs /if ?>>委托代养</option><option value="sponsor"<?cs if:f.kind == "sponsor" ?> selected<?cs /if ?>>爱心助养</option></select></div>
    <div class="field"><label for="e-a">服务区域</label><select id="e-a" name="area_code"><?cs each:a = Areas ?><option value="<?cs var:a.code ?>"<?cs if:a.code == f.area_code ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
    <div class="field"><label for="e-c">可照料人数</label><input type="number" id="e-c" name="capacity" value="<?cs var:f.capacity ?>" min="1" max="100" required></div>
    <div class="field"><label for="e-n">备注</label><textarea id="e-n" name="notes" maxlength="1000"><?cs var:f.notes ?></textarea></div>
    <button type="submit">保存修改</button>
  </form>
  </details>
  <form method="post" action="/volunteer/care/<?cs var:f.id ?>/status" class="inline">
    <?cs call:csrf() ?>
    <?cs if:f.status == "closed" ?><input type="hidden" name="status" value="open"><button type="submit">重新开放</button>
    <?cs else ?><input type="hidden" name="status" value="closed"><button type="submit">关闭</button><?cs /if ?>
  </form>
</section>
<section class="panel" id="matches">
  <h2>已匹配儿童</h2>
  <table class="list"><thead><tr><th scope="col">儿童</th><th scope="col">村（社区）</th><th scope="col">开始日期</th><th scope="col">备注</th><th scope="col">结束</th></tr></thead><tbody>
  <?cs each:m = Matches ?><tr data-match="<?cs var:m.id ?>"><td><a href="/children/<?cs var:m.child_id ?>"><?cs var:m.child_name ?></a></td><td><?cs var:m.village ?></td><td><?cs var:m.start_date ?></td><td><?cs var:m.notes ?></td>
    <td><?cs if:m.end_date ?><?cs var:m.end_date ?> 结束：<?cs var:m.end_reason ?><?cs else ?>
      <form method="post" action="/volunteer/care/matches/<?cs var:m.id ?>/end" class="inline"><?cs call:csrf() ?>
        <input type="date" name="end_date" value="<?cs var:Today ?>" required aria-label="结束日期">
        <input type="text" name="reason" maxlength="200" required aria-label="结束原因" placeholder="结束原因">
        <button type="submit">结束匹配</button></form><?cs /if ?></td></tr><?cs /each ?>
  </tbody></table>
  <?cs if:f.status == "open" ?>
  <form method="post" action="/volunteer/care/<?cs var:f.id ?>/match">
    <?cs call:csrf() ?>
    <h3>匹配儿童</h3>
    <div class="field"><label for="f-child">儿童编号</label><input type="number" id="f-child" name="child_id" min="1" required></div>
    <div class="field"><label for="f-sd">开始日期</label><input type="date" id="f-sd" name="start_date" value="<?cs var:Today ?>" required></div>
    <div class="field"><label for="f-mn">备注</label><input type="text" id="f-mn" name="notes" maxlength="500"></div>
    <button type="submit">匹配</button>
  </form>
  <?cs /if ?>
</section>
<?cs /with ?>
