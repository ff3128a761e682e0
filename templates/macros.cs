<?cs # Shared pieces for every page. Values are HTML-escaped by default. ?>
<?cs def:csrf() ?><input type="hidden" name="_csrf" value="<?cs var:CSRF.Token ?>"><input type="hidden" name="_idem" value="<?cs var:Page.Idem ?>"><?cs /def ?>
<?cs def:field_error(msg) ?><?cs if:msg ?><span class="field-error" role="alert"><?cs var:msg ?></span><?cs /if ?><?cs /def ?>
<?cs def:text_field(name, label, value, error, required) ?>
<div class="field<?cs if:error ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?><?cs if:required ?> <abbr title="必填">*</abbr><?cs /if ?></label>
  <input type="text" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>"<?cs if:Limits[name] ?> maxlength="<?cs var:Limits[name] ?>"<?cs /if ?><?cs if:required ?> required<?cs /if ?>>
  <?cs call:field_error(error) ?>
</div>
<?cs /def ?>
<?cs def:pager(base, prev, next) ?>
<nav class="pager" aria-label="分页">
  <?cs if:prev ?><a rel="prev" href="<?cs var:base ?>&amp;before=<?cs var:url_escape(prev) ?>">上一页</a><?cs /if ?>
  <?cs if:next ?><a rel="next" href="<?cs var:base ?>&amp;after=<?cs var:url_escape(next) ?>">下一页</a><?cs /if ?>
</nav>
<?cs /def ?>
<?cs # a new password for another user (security or partner administrator) ?>
<?cs def:password_reset_form(action) ?>
<form method="post" action="<?cs var:action ?>" class="narrow">
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.password ?> has-error<?cs /if ?>"><label for="f-reset">新密码</label>
    <input type="password" id="f-reset" name="password" autocomplete="new-password" required>
    <?cs call:field_error(Errors.password) ?></div>
  <div class="field"><label for="f-reset2">确认新密码</label>
    <input type="password" id="f-reset2" name="confirm_password" autocomplete="new-password" required></div>
  <button type="submit">重置密码</button>
  <span class="hint">重置后该用户的登录全部退出，下次登录时须修改密码。</span>
</form>
<?cs /def ?>
<?cs # the first step of an application form: find a child of the user's scope
   by name (Found: id, name, birth_date, village_code; Form.q: service
   child_pick), then go on to
   action?child=<id> ?>
<?cs def:child_picker(action) ?>
<section class="panel">
  <h2>第一步：选择儿童</h2>
  <form method="get" action="<?cs var:action ?>" role="search">
    <div class="field"><label for="f-q">儿童姓名</label>
      <input type="text" id="f-q" name="q" value="<?cs var:Form.q ?>" maxlength="64" required></div>
    <button type="submit">查找</button>
  </form>
  <?cs if:Form.q ?>
  <table class="list" id="found">
    <caption>您辖区内的儿童（最多 20 名）</caption>
    <thead><tr><th scope="col">姓名</th><th scope="col">出生日期</th><th scope="col">村（社区）</th><th scope="col"></th></tr></thead>
    <tbody>
    <?cs each:c = Found ?><tr><td><?cs var:c.name ?></td><td><?cs var:date(c.birth_date) ?></td><td><?cs var:division(c.village_code) ?></td>
      <td><a href="<?cs var:action ?>?child=<?cs var:c.id ?>">为其申请</a></td></tr><?cs /each ?>
    <?cs if:!subcount(Found) ?><tr><td colspan="4">没有找到。儿童须先在儿童台账中建档。</td></tr><?cs /if ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
<?cs /def ?>
<?cs # The confirmation before an irreversible action (issue 20), with no script (a box in the form that the server checks for the value 1; required, so the browser asks too). ?>
<?cs def:confirm_box(name, text, error, required) ?>
<div class="field confirm<?cs if:error ?> has-error<?cs /if ?>" id="confirm-<?cs var:name ?>">
  <label><input type="checkbox" name="<?cs var:name ?>" value="1"<?cs if:required ?> required<?cs /if ?>> <?cs var:text ?></label>
  <?cs call:field_error(error) ?>
</div>
<?cs /def ?>
<?cs # the workflow's act forms: the host checks wf_confirm for 通过 and 不予批准 (workflow.c) ?>
<?cs def:wf_confirm() ?><?cs call:confirm_box("wf_confirm", "我已核对，确认办理（选择“通过”或“不予批准”时须勾选，提交后不能撤回）", Errors.wf_confirm, 0) ?><?cs /def ?>
