<?cs # identity facts, shared by the file page and the print page; c = Child ?>
<dl class="facts" id="identity">
  <dt>姓名</dt><dd id="child-name"><?cs var:c.name ?></dd>
  <dt>性别</dt><dd><?cs var:label("registry.sex", c.sex) ?></dd>
  <dt>出生日期</dt><dd><?cs var:c.birth_date ?>（<?cs var:c.age ?> 周岁）</dd>
  <dt>民族</dt><dd><?cs var:c.ethnicity ?></dd>
  <dt>公民身份号码</dt><dd id="child-id"><?cs if:c.id_masked ?><?cs var:c.id_masked ?><?cs else ?><strong class="flag-noid">无身份证号</strong><?cs if:c.no_id_reason ?>（原因：<?cs var:c.no_id_reason ?>）<?cs /if ?><?cs /if ?></dd>
  <dt>户籍地</dt><dd><?cs var:c.hukou ?></dd>
  <dt>现住址</dt><dd><?cs var:c.address ?></dd>
  <dt>所在村（社区）</dt><dd><?cs var:division(c.township_code) ?> <?cs var:division(c.village_code) ?></dd>
  <dt>就读学校</dt><dd><?cs var:c.school ?> <?cs var:c.school_grade ?></dd>
  <dt>健康状况</dt><dd><?cs var:c.health ?></dd>
  <dt>残疾情况</dt><dd><?cs if:c.disability_type ?><?cs var:label("registry.disability", c.disability_type) ?> <?cs var:label("registry.grade", c.disability_grade) ?><?cs if:c.disability_cert_expiry ?>，残疾证有效期至 <?cs var:c.disability_cert_expiry ?><?cs if:c.disability_cert_expiry < File.Today ?>（已过期）<?cs /if ?><?cs /if ?><?cs else ?>无<?cs /if ?></dd>
  <dt>安置方式</dt><dd><?cs var:c.placement ?></dd>
  <dt>档案状态</dt><dd id="child-status"><?cs var:label("registry.status", c.status) ?></dd>
  <dt>建档时间</dt><dd><?cs var:datetime(c.created_at) ?></dd>
  <dt>最后修改</dt><dd><?cs var:datetime(c.updated_at) ?></dd>
</dl>
