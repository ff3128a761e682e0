<h1>儿童主任配备</h1>
<p id="none-count">没有儿童主任的村（居）：<strong><?cs var:NoDirector ?></strong> 个（排在前面）。</p>
<?cs if:CanAssign ?>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<form method="post" action="/village/directors" class="filters">
  <?cs call:csrf() ?>
  <?cs call:text_field("username", "儿童主任账号", Form.username, Errors.username, 1) ?>
  <div class="field<?cs if:Errors.village ?> has-error<?cs /if ?>"><label for="f-village">村（居）代码</label>
    <input type="text" id="f-village" name="village" value="<?cs var:Form.village ?>" required inputmode="numeric"><?cs call:field_error(Errors.village) ?></div>
  <div class="field"><label for="f-start">开始日期</label><input type="date" id="f-start" name="start_date" value="<?cs var:Form.start_date ?>"></div>
  <div class="field"><button type="submit">安排负责</button></div>
</form>
<?cs /if ?>
<table class="list" id="villages">
  <thead><tr><th scope="col">村（居）</th><th scope="col">代码</th><th scope="col">乡镇（街道）</th><th scope="col">儿童主任</th></tr></thead>
  <tbody><?cs each:v = Villages ?><tr data-code="<?cs var:v.code ?>"<?cs if:v.n == "0" ?> class="overdue"<?cs /if ?>><td><?cs var:v.name ?></td><td><?cs var:v.code ?></td><td><?cs var:division(v.township) ?></td>
    <td><?cs if:v.n == "0" ?><span class="overdue-mark">未配备</span><?cs else ?><?cs var:v.directors ?><?cs /if ?></td></tr><?cs /each ?></tbody>
</table>
<?cs if:CanAssign && subcount(Assignments) ?>
<h2>结束负责</h2>
<table class="list" id="assignments">
  <thead><tr><th scope="col">村（居）</th><th scope="col">儿童主任</th><th scope="col">开始</th><th scope="col"></th></tr></thead>
  <tbody><?cs each:a = Assignments ?><tr><td><?cs var:division(a.village_code) ?></td><td><?cs var:a.display_name ?>（<?cs var:a.username ?>）</td><td><?cs var:date(a.start_date) ?></td>
    <td><form method="post" action="/village/directors/<?cs var:a.id ?>/end" class="inline"><?cs call:csrf() ?><button type="submit">结束</button></form></td></tr><?cs /each ?></tbody>
</table>
<?cs /if ?>
