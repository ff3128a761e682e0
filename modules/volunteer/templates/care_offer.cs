<?cs # One care offer and the children matched to it. ?>
<?cs with:f = Offer.0 ?>
<h1><?cs var:f.offerer ?>（<?cs var:Lbl.kind[f.kind] ?>）</h1>
<section class="panel" id="info">
  <dl>
    <dt>提供方类型</dt><dd><?cs var:Lbl.offerer[f.offerer_kind] ?></dd>
    <dt>联系人</dt><dd><?cs var:f.contact_name ?> <?cs var:f.contact_phone ?></dd>
    <dt>服务区域</dt><dd><?cs var:f.area ?></dd>
    <dt>可照料人数</dt><dd><?cs var:f.capacity ?></dd>
    <dt>备注</dt><dd><?cs var:f.notes ?></dd>
    <dt>状态</dt><dd id="status" data-status="<?cs var:f.status ?>"><?cs var:Lbl.status[f.status] ?></dd>
  </dl>
  <form method="post" action="/volunteer/care/<?cs var:f.id ?>/status" class="inline">
    <?cs call:csrf() ?>
    <?cs if:f.status == "closed" ?><input type="hidden" name="status" value="open"><button type="submit">重新开放</button>
    <?cs else ?><input type="hidden" name="status" value="closed"><button type="submit">关闭</button><?cs /if ?>
  </form>
</section>
<section class="panel" id="matches">
  <h2>已匹配儿童</h2>
  <table class="list"><thead><tr><th scope="col">儿童</th><th scope="col">村（社区）</th><th scope="col">开始日期</th><th scope="col">备注</th></tr></thead><tbody>
  <?cs each:m = Matches ?><tr><td><a href="/children/<?cs var:m.child_id ?>"><?cs var:m.child_name ?></a></td><td><?cs var:m.village ?></td><td><?cs var:m.start_date ?></td><td><?cs var:m.notes ?></td></tr><?cs /each ?>
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
