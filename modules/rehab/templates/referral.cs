<?cs with:f = Ref ?>
<h1><?cs var:label("rehab.referral_kind", f.kind) ?> #<?cs var:f.id ?></h1>
<dl id="referral">
  <dt>儿童</dt><dd><?cs var:f.child_name ?>（<?cs var:date(f.birth_date) ?>，<?cs var:division(f.village_code) ?>）</dd>
  <dt>医院</dt><dd><?cs var:f.org_name ?></dd>
  <dt>转介日期</dt><dd><?cs var:date(f.referred_on) ?></dd>
  <?cs if:f.screened_on ?><dt>筛查</dt><dd><?cs var:date(f.screened_on) ?>：<?cs each:d = Domains ?><?cs if:f[d.code] == "1" ?><?cs var:d.title ?>疑似 <?cs /if ?><?cs /each ?></dd><?cs /if ?>
  <dt>状态</dt><dd id="status" data-status="<?cs var:f.status ?>"><?cs if:f.status == "done" ?><?cs var:label("rehab.result", f.result) ?><?cs if:f.category ?>：<?cs var:label("rehab.category", f.category) ?><?cs var:label("rehab.grade", f.grade) ?><?cs /if ?>（<?cs var:date(f.done_on) ?>）<?cs else ?><?cs var:label("rehab.referral_status", f.status) ?><?cs /if ?></dd>
  <?cs if:f.outcome ?><dt>情况说明</dt><dd><?cs var:f.outcome ?></dd><?cs /if ?>
  <?cs if:f.cost_fen ?><dt>费用（元）</dt><dd><?cs var:money(f.cost_fen) ?></dd><?cs /if ?>
  <dt>困难家庭</dt><dd id="poor"><?cs if:f.poor == "1" ?>是（低保、特困、孤儿或事实无人抚养），诊断补贴上限 <?cs var:money(Cap) ?> 元<?cs else ?>否<?cs /if ?></dd>
  <?cs if:f.subsidy_fen ?><dt>诊断补贴（元）</dt><dd id="subsidy"><?cs var:money(f.subsidy_fen) ?>（已列入发放批次）</dd><?cs /if ?>
</dl>
<?cs if:f.status == "referred" ?>
<section class="panel" id="result">
  <h2>登记结果</h2>
  <form method="post" action="/rehab/referrals/<?cs var:f.id ?>/result" class="narrow">
    <?cs call:csrf() ?>
    <div class="field"><label for="f-result">结果</label><select id="f-result" name="result">
      <?cs if:f.kind == "diagnosis" ?><option value="confirmed">确诊残疾</option><option value="not_disabled">排除残疾</option><?cs else ?><option value="done">手术完成</option><option value="failed">未能手术</option><?cs /if ?></select></div>
    <?cs if:f.kind == "diagnosis" ?>
    <div class="field"><label for="f-cat">残疾类别</label><select id="f-cat" name="category"><option value="">（排除时不选）</option><?cs each:c = Categories ?><option value="<?cs var:c.code ?>"><?cs var:c.title ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-grade">残疾等级</label><select id="f-grade" name="grade"><option value="">（排除时不选）</option><option value="1">一级</option><option value="2">二级</option><option value="3">三级</option><option value="4">四级</option></select></div>
    <?cs /if ?>
    <div class="field"><label for="f-day">日期</label><input type="date" id="f-day" name="day" value="<?cs var:Today ?>" max="<?cs var:Today ?>" required></div>
    <?cs call:text_field("cost", "费用（元）", "", "", 0) ?>
    <div class="field"><label for="f-outcome">情况说明</label><textarea id="f-outcome" name="outcome" maxlength="500"></textarea></div>
    <button type="submit">登记</button>
  </form>
</section>
<?cs elif:f.kind == "diagnosis" && f.poor == "1" && !f.subsidy_fen ?>
<form method="post" action="/rehab/referrals/<?cs var:f.id ?>/subsidy" class="inline"><?cs call:csrf() ?><button type="submit">发放诊断补贴</button></form>
<?cs /if ?>
<?cs /with ?>
