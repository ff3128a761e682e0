<link rel="stylesheet" href="/village/village.css">
<div class="vil">
<?cs with:v = Survey ?>
<h1>摸底记录：<?cs var:v.name ?></h1>
<?cs if:Dup.count > 0 ?><div class="offer" id="dup-warning" role="alert"><p><strong>可能重复：</strong>
  <?cs if:Dup.id_files > 0 ?>档案中已有身份证号相同的儿童。<?cs /if ?>
  <?cs if:Dup.id_surveys > 0 ?>已有身份证号相同的其他摸底记录。<?cs /if ?>
  <?cs if:Dup.name_files > 0 ?>档案中已有姓名和出生日期相同的儿童。<?cs /if ?>
  <?cs if:Dup.name_surveys > 0 ?>已有姓名和出生日期相同的其他摸底记录。<?cs /if ?></p></div><?cs /if ?>
<dl class="facts" id="survey" data-status="<?cs var:v.status ?>">
  <dt>状态</dt><dd><?cs var:label("village.survey", v.status) ?></dd>
  <dt>村（居）</dt><dd><?cs var:division(v.village_code) ?></dd>
  <dt>性别</dt><dd><?cs var:label("village.sex", v.sex) ?></dd>
  <dt>出生日期</dt><dd><?cs if:v.birth_date ?><?cs var:date(v.birth_date) ?><?cs else ?>不详<?cs /if ?></dd>
  <dt>身份证号</dt><dd><?cs if:v.id_last4 ?><?cs var:mask_id(v.id_last4) ?><?cs else ?>无<?cs /if ?></dd>
  <dt>监护人或照料人</dt><dd><?cs var:v.guardian ?></dd>
  <dt>住址</dt><dd><?cs var:v.address ?></dd>
  <dt>发现的情况</dt><dd><?cs var:v.situation ?></dd>
  <dt>登记人</dt><dd><?cs var:v.director ?>，<?cs var:datetime(v.created_at) ?></dd>
  <?cs if:v.reason ?><dt>不予建档理由</dt><dd><?cs var:v.reason ?></dd><?cs /if ?>
  <?cs if:v.child_id ?><dt>档案</dt><dd><a href="/children/<?cs var:v.child_id ?>">查看档案</a></dd><?cs /if ?>
</dl>
<?cs if:CanReview && v.status == "pending" ?>
<form method="post" action="/village/surveys/<?cs var:v.id ?>/file" id="file-form"><?cs call:csrf() ?>
  <?cs if:!v.birth_date ?><div class="field"><label for="f-fb">出生日期（建档必填）</label><input type="date" id="f-fb" name="birth_date"></div><?cs /if ?>
  <button type="submit">审核通过，建立档案</button></form>
<form method="post" action="/village/surveys/<?cs var:v.id ?>/dismiss" id="dismiss-form"><?cs call:csrf() ?>
  <div class="field"><label for="f-reason">不予建档的理由</label><input type="text" id="f-reason" name="reason"></div>
  <button type="submit">不予建档</button></form>
<?cs /if ?>
<?cs /with ?>
</div>
