<h1>基本生活保障申请</h1>
<?cs if:Errors.child ?><p class="form-error" role="alert"><?cs var:Errors.child ?></p><?cs /if ?>
<?cs if:!Child.id ?>
<?cs call:child_picker("/living/apply") ?>
<?cs else ?>
<section class="panel">
  <h2>申请儿童</h2>
  <p id="child"><a href="/children/<?cs var:Child.id ?>"><?cs var:Child.name ?></a>（<?cs var:division(Child.township_code) ?> <?cs var:division(Child.village_code) ?>，出生日期 <?cs var:Child.birth_date ?>） · <a href="/living/apply">换一名儿童</a></p>
</section>
<form method="post" action="/living/apply" class="panel narrow">
  <?cs call:csrf() ?>
  <input type="hidden" name="child" value="<?cs var:Child.id ?>">
  <div class="field"><label for="f-benefit">保障类型 <abbr title="必填">*</abbr></label>
    <select id="f-benefit" name="benefit" required>
      <option value="">请选择</option>
      <?cs each:b = Benefits ?><option value="<?cs var:b.code ?>"<?cs if:b.code == Form.benefit ?> selected<?cs /if ?>><?cs var:b.title ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.benefit) ?></div>
  <div class="field"><label for="f-subtype">类别 <abbr title="必填">*</abbr></label>
    <select id="f-subtype" name="subtype" required>
      <option value="">请选择</option>
      <?cs each:b = Benefits ?><?cs each:o = Subtypes[b.code] ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Form.subtype ?> selected<?cs /if ?>><?cs var:b.title ?>：<?cs var:o.title ?></option><?cs /each ?><?cs /each ?>
    </select><?cs call:field_error(Errors.subtype) ?></div>
  <div class="field"><label for="f-care">护理等级（特困）</label>
    <select id="f-care" name="care_level">
      <option value="">不适用</option>
      <?cs each:o = CareLevels ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Form.care_level ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
    </select><?cs call:field_error(Errors.care_level) ?></div>
  <div class="field"><label for="f-amount">救助金额（元，临时救助）</label>
    <input type="text" id="f-amount" name="amount" value="<?cs var:Form.amount ?>" maxlength="16" inputmode="decimal"><?cs call:field_error(Errors.amount) ?></div>
  <div class="field"><label for="f-household">家庭情况</label>
    <textarea id="f-household" name="household_note" maxlength="1000"><?cs var:Form.household_note ?></textarea></div>
  <div class="field"><label for="f-income">收入情况</label>
    <textarea id="f-income" name="income_note" maxlength="1000"><?cs var:Form.income_note ?></textarea></div>
  <p class="hint">孤儿和事实无人抚养儿童的申请不公示，以保护儿童隐私。</p>
  <button type="submit">提交申请</button>
</form>
<?cs /if ?>
