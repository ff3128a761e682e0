<article class="printable" id="guardian-copy">
<h1>本系统保存的该儿童信息</h1>
<p>酉阳土家族苗族自治县儿童关爱保护信息系统 · 副本编号 <?cs var:Copy.id ?> · 出具时间 <?cs var:datetime(Copy.created_at) ?> · 受理人 <?cs var:Copy.clerk ?></p>
<p>申请人：<?cs var:Copy.requester ?>（<?cs var:label("privacy.relationship", Copy.relationship) ?>），已核验身份证件和监护关系证明。</p>
<h2>一、身份信息</h2>
<dl class="facts" id="copy-identity">
  <dt>姓名</dt><dd><?cs var:Child.name ?></dd>
  <dt>性别</dt><dd><?cs var:label("registry.sex", Child.sex) ?></dd>
  <dt>出生日期</dt><dd><?cs var:date(Child.birth_date) ?></dd>
  <dt>身份证号</dt><dd><?cs if:Child.id_last4 ?><?cs var:mask_id(Child.id_last4) ?><?cs else ?>无<?cs /if ?>（脱敏显示）</dd>
  <dt>住址</dt><dd><?cs var:division(Child.township_code) ?> <?cs var:division(Child.village_code) ?></dd>
</dl>
<h2>二、所属类别</h2>
<table class="list" id="copy-categories"><thead><tr><th scope="col">类别</th><th scope="col">起始</th><th scope="col">终止</th></tr></thead><tbody>
<?cs each:c = Categories ?><tr><td><?cs var:label("core.category", c.category) ?></td><td><?cs var:date(c.start_date) ?></td><td><?cs var:date(c.end_date) ?></td></tr><?cs /each ?>
<?cs if:!subcount(Categories) ?><tr><td colspan="3">无</td></tr><?cs /if ?></tbody></table>
<h2>三、已发放的补助</h2>
<table class="list" id="copy-paid"><thead><tr><th scope="col">所属月份</th><th scope="col">项目</th><th scope="col">金额（元）</th></tr></thead><tbody>
<?cs each:p = Paid ?><tr><td><?cs var:p.period ?></td><td><?cs var:label(p.kind, p.programme) ?></td><td><?cs var:money(p.amount_fen) ?></td></tr><?cs /each ?>
<?cs if:!subcount(Paid) ?><tr><td colspan="3">无</td></tr><?cs /if ?></tbody></table>
<h2>四、获得的服务和办理记录</h2>
<table class="list" id="copy-events"><thead><tr><th scope="col">时间</th><th scope="col">事项</th></tr></thead><tbody>
<?cs each:e = Events ?><tr><td><?cs var:datetime(e.at) ?></td><td><?cs var:e.summary ?></td></tr><?cs /each ?>
<?cs if:!subcount(Events) ?><tr><td colspan="2">无</td></tr><?cs /if ?></tbody></table>
<?cs if:Copy.Withheld > 0 ?><p id="copy-withheld">另有 <?cs var:Copy.Withheld ?> 条记录涉及强制报告人身份、侵害案件细节、公安转介或心理辅导，依法不予提供。</p><?cs /if ?>
<h2>五、向其他单位提供信息的记录</h2>
<table class="list" id="copy-sharing"><thead><tr><?cs each:c = Sharing.Cols ?><th scope="col"><?cs var:c ?></th><?cs /each ?></tr></thead><tbody>
<?cs each:row = Sharing.Rows ?><tr><?cs each:cell = row ?><td><?cs var:cell ?></td><?cs /each ?></tr><?cs /each ?>
<?cs if:!subcount(Sharing.Rows) ?><tr><td colspan="5">无</td></tr><?cs /if ?></tbody></table>
<p class="hint">家庭成员的信息属于其本人，不在本副本中。如对上述信息有异议，可向县民政局申请更正。</p>
</article>
