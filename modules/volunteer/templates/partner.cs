<?cs # The partner's own organisation: volunteers, hours, children assigned now. ?>
<?cs with:o = Org ?>
<h1><?cs var:o.name ?></h1>
<p class="summary">状态：<span id="status"><?cs var:label("volunteer.org_status", o.status) ?></span>。已核实服务 <span id="total-services"><?cs var:Total.services ?></span> 次，共 <span id="total-minutes"><?cs var:Total.minutes ?></span> 分钟。</p>
<?cs /with ?>
<section class="panel" id="children">
  <h2>当前服务对象</h2>
  <?cs if:subcount(Children) == 0 ?><p>目前没有指派给本组织的服务对象。</p><?cs /if ?>
  <ul>
  <?cs each:c = Children ?><li><a href="/volunteer/partner/children/<?cs var:c.id ?>"><?cs var:c.name ?></a>（<?cs var:c.service_type ?>，<?cs var:c.start_date ?> 至 <?cs var:c.end_date ?>）</li><?cs /each ?>
  </ul>
</section>
<section class="panel" id="areas">
  <h2>区域服务项目</h2>
  <?cs if:subcount(Areas) == 0 ?><p>目前没有指派给本组织的区域服务项目。</p><?cs /if ?>
  <ul>
  <?cs each:a = Areas ?><li><a href="/volunteer/partner/areas/<?cs var:a.id ?>"><?cs var:a.area ?><?cs if:a.project ?> · <?cs var:a.project ?><?cs /if ?></a>（<?cs var:a.service_type ?>，<?cs var:a.start_date ?> 至 <?cs var:a.end_date ?>）</li><?cs /each ?>
  </ul>
</section>
<section class="panel" id="volunteers">
  <h2>志愿者</h2>
  <table class="list"><thead><tr><th scope="col">编号</th><th scope="col">姓名</th><th scope="col">电话</th><th scope="col">专长</th><th scope="col">可服务时间</th><th scope="col">已核实服务时长（分钟）</th><th scope="col">状态</th></tr></thead><tbody>
  <?cs each:v = Volunteers ?><tr><td><?cs var:v.id ?></td><td><a href="/volunteer/volunteers/<?cs var:v.id ?>/certificate"><?cs var:v.name ?></a></td><td><?cs var:v.phone ?></td><td><?cs var:v.skills ?></td><td><?cs var:v.availability ?></td><td class="num" data-volunteer="<?cs var:v.id ?>"><?cs var:v.minutes ?></td>
    <td data-active="<?cs var:v.active ?>"><?cs if:v.active == "0" ?>已停止服务<?cs /if ?>
      <details><summary>修改</summary>
      <form method="post" action="/volunteer/partner/volunteers/<?cs var:v.id ?>" class="inline"><?cs call:csrf() ?>
        <input type="text" name="name" value="<?cs var:v.name ?>" maxlength="64" required aria-label="姓名">
        <input type="text" name="phone" value="<?cs var:v.phone ?>" maxlength="32" pattern="[0-9\-]*" aria-label="联系电话">
        <input type="text" name="skills" value="<?cs var:v.skills ?>" maxlength="200" aria-label="专长">
        <input type="text" name="availability" value="<?cs var:v.availability ?>" maxlength="200" aria-label="可服务时间">
        <label><input type="checkbox" name="active" value="1"<?cs if:v.active != "0" ?> checked<?cs /if ?>> 在册</label>
        <button type="submit">保存</button>
      </form></details></td></tr><?cs /each ?>
  </tbody></table>
  <form method="post" action="/volunteer/partner/volunteers">
    <?cs call:csrf() ?>
    <h3>添加志愿者</h3>
    <div class="field"><label for="f-vn">姓名</label><input type="text" id="f-vn" name="name" maxlength="64" required></div>
    <div class="field"><label for="f-vp">联系电话</label><input type="text" id="f-vp" name="phone" maxlength="32" pattern="[0-9\-]*"></div>
    <div class="field"><label for="f-vs">专长</label><input type="text" id="f-vs" name="skills" maxlength="200"></div>
    <div class="field"><label for="f-va">可服务时间</label><input type="text" id="f-va" name="availability" maxlength="200"></div>
    <button type="submit">添加</button>
  </form>
</section>
