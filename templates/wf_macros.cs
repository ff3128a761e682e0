<?cs # The inbox table shared by /inbox and the modules' home pages (wf_inbox_hdf rows). With InboxSelect (a form's id) each row has a box of that form (batch approval, no JavaScript). ?>
<?cs def:wf_inbox_table(rows, show_module) ?>
<table class="list" id="inbox">
  <caption><?cs if:InboxPages ?>待办事项（共 <?cs var:InboxTotal ?> 件，第 <?cs var:InboxPage ?> / <?cs var:InboxPages ?> 页，逾期的排在最前）<?cs elif:InboxTotal ?>最紧急的 <?cs var:subcount(rows) ?> 件（共 <?cs var:InboxTotal ?> 件，逾期的排在最前）<?cs else ?>待办事项（<?cs var:subcount(rows) ?> 件，逾期的排在最前）<?cs /if ?></caption>
  <thead><tr><?cs if:InboxSelect ?><th scope="col">选择</th><?cs /if ?><th scope="col">编号</th><th scope="col">申请事项</th><th scope="col">儿童</th><th scope="col">村（社区）</th><th scope="col">当前环节</th><th scope="col">状态</th><th scope="col">办理期限</th><th scope="col">总时限</th></tr></thead>
  <tbody>
  <?cs each:a = rows ?><tr<?cs if:a.overdue == "1" || a.total_overdue == "1" ?> class="overdue"<?cs /if ?>>
    <?cs if:InboxSelect ?><td><input type="checkbox" name="app" value="<?cs var:a.id ?>" form="<?cs var:InboxSelect ?>" aria-label="选择 #<?cs var:a.id ?>"></td><?cs /if ?>
    <td><a href="<?cs var:a.url ?>">#<?cs var:a.id ?></a></td>
    <td><?cs var:a.type_title ?></td>
    <td><?cs var:a.child_name ?></td>
    <td><?cs var:a.village ?></td>
    <td><?cs var:a.step_title ?></td>
    <td><?cs var:a.status_title ?></td>
    <td><?cs if:a.in_publicity ?>公示至 <?cs var:a.publicity_until ?><?cs elif:a.due ?><?cs var:a.due ?><?cs if:a.overdue == "1" ?> <strong class="overdue-mark">已逾期 <?cs var:a.days_over ?> 天</strong><?cs /if ?><?cs else ?>—<?cs /if ?></td>
    <td><?cs if:a.total_limit ?><?cs if:a.total_overdue == "1" ?><strong class="overdue-mark">超出总时限 <?cs var:a.total_over ?> <?cs var:a.total_unit ?></strong><?cs else ?>剩余 <?cs var:a.total_remaining ?> <?cs var:a.total_unit ?><?cs /if ?><?cs else ?>—<?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(rows) ?><tr><td colspan="9"><?cs if:InboxQuery ?>没有符合筛选条件的待办事项。<?cs else ?>目前没有等待您办理的事项。<?cs /if ?></td></tr><?cs /if ?>
  </tbody>
</table>
<?cs /def ?>
<?cs # The links to the inbox table's other pages (service wf_inbox_paged: InboxPage, InboxPages, InboxPrev, InboxNext), to the page at url ?>
<?cs def:wf_inbox_pager(url) ?>
<?cs if:InboxPages ?><nav class="pager" aria-label="分页">
  <?cs if:InboxPrev ?><a rel="prev" href="<?cs var:url ?>?<?cs if:InboxQuery ?><?cs var:InboxQuery ?>&amp;<?cs /if ?>page=<?cs var:InboxPrev ?>">上一页</a><?cs /if ?>
  <span>第 <?cs var:InboxPage ?> / <?cs var:InboxPages ?> 页</span>
  <?cs if:InboxNext ?><a rel="next" href="<?cs var:url ?>?<?cs if:InboxQuery ?><?cs var:InboxQuery ?>&amp;<?cs /if ?>page=<?cs var:InboxNext ?>">下一页</a><?cs /if ?>
</nav><?cs /if ?>
<?cs /def ?>
<?cs # The inbox's filter (service wf_inbox_paged: InboxFilter.Modules, .Steps, .Towns): a GET form to the page at url; shown when there is a choice (a module's steps once the module is chosen) ?>
<?cs def:wf_inbox_filter(url) ?>
<?cs if:subcount(InboxFilter.Modules) > 1 || subcount(InboxFilter.Steps) > 1 || subcount(InboxFilter.Towns) ?>
<form method="get" action="<?cs var:url ?>" class="filters" role="search" id="inbox-filter">
  <?cs if:subcount(InboxFilter.Modules) > 1 ?><div class="field"><label for="f-inbox-module">模块</label>
    <select id="f-inbox-module" name="module"><option value="">全部模块</option>
      <?cs each:o = InboxFilter.Modules ?><option value="<?cs var:o.code ?>"<?cs if:o.code == InboxFilter.module ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
    </select></div><?cs /if ?>
  <?cs if:subcount(InboxFilter.Steps) > 1 ?><div class="field"><label for="f-inbox-step">环节</label>
    <select id="f-inbox-step" name="step"><option value="">全部环节</option>
      <?cs each:o = InboxFilter.Steps ?><option value="<?cs var:o.code ?>"<?cs if:o.code == InboxFilter.step ?> selected<?cs /if ?>><?cs var:o.title ?></option><?cs /each ?>
    </select></div><?cs /if ?>
  <?cs if:subcount(InboxFilter.Towns) ?><div class="field"><label for="f-inbox-town">乡镇（街道）</label>
    <select id="f-inbox-town" name="township"><option value="">全部乡镇（街道）</option>
      <?cs each:o = InboxFilter.Towns ?><option value="<?cs var:o.code ?>"<?cs if:o.code == InboxFilter.township ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
    </select></div><?cs /if ?>
  <button type="submit">筛选</button><?cs if:InboxQuery ?> <a href="<?cs var:url ?>">清除筛选</a><?cs /if ?>
  <?cs if:InboxSelect ?><p class="hint">批量通过只能选同一环节的申请：先按环节筛选，再勾选。</p><?cs /if ?>
</form>
<?cs /if ?>
<?cs /def ?>
<?cs # A paged inbox (service wf_inbox_paged) on the page at url: its filter, the table of its rows (Inbox), the links to its other pages ?>
<?cs def:wf_inbox_paged(url, show_module) ?>
<?cs call:wf_inbox_filter(url) ?>
<?cs call:wf_inbox_table(Inbox, show_module) ?>
<?cs call:wf_inbox_pager(url) ?>
<?cs /def ?>
<?cs # Batch approval (wf_batch service): the form the inbox table's boxes belong to (InboxSelect = "batch-form"); action is the module's POST /<module>/applications/batch ?>
<?cs def:wf_batch_form(action) ?>
  <form method="post" action="<?cs var:action ?>" id="batch-form" class="panel">
    <?cs call:csrf() ?>
    <h3>批量通过</h3>
    <p><button type="button" data-select-all="batch-form" hidden>全选本页</button></p>
    <?cs if:InboxPage ?><input type="hidden" name="page" value="<?cs var:InboxPage ?>"><?cs /if ?>
    <?cs if:InboxFilter.step ?><input type="hidden" name="step" value="<?cs var:InboxFilter.step ?>"><?cs /if ?>
    <?cs if:InboxFilter.township ?><input type="hidden" name="township" value="<?cs var:InboxFilter.township ?>"><?cs /if ?>
    <p class="hint">在上表勾选处于同一环节的申请，一次通过<?cs if:InboxPages ?>（只能勾选本页的申请；其他页的申请请翻页后再批量通过）<?cs /if ?>。每件申请都按单独办理时的规则逐件检查（辖区、环节、权限、职责分离），不符合的不办理并说明原因。</p>
    <?cs call:field_error(Errors.app) ?>
    <div class="field"><label for="f-batch-opinion">意见（各件相同）</label>
      <textarea id="f-batch-opinion" name="opinion" maxlength="2000"><?cs var:Form.opinion ?></textarea></div>
    <?cs call:wf_confirm() ?>
    <button type="submit">批量通过所选申请</button>
  </form>
<?cs /def ?>
<?cs # An application's history (a.History, the host's workflow rows): the panel of the application's page ?>
<?cs def:wf_history(rows) ?>
<section class="panel" id="history">
  <h2>办理记录</h2>
  <table class="list">
    <thead><tr><th scope="col">时间</th><th scope="col">环节</th><th scope="col">操作</th><th scope="col">办理人</th><th scope="col">意见</th></tr></thead>
    <tbody>
    <?cs each:h = rows ?><tr><td><?cs var:h.at ?></td><td><?cs var:h.step_title ?></td><td><?cs var:h.action_title ?></td><td><?cs var:h.user ?></td><td class="summary"><?cs var:h.opinion ?></td></tr><?cs /each ?>
    </tbody>
  </table>
</section>
<?cs /def ?>
<?cs # The buttons of an application's act form (app.Can.<action>, the host's workflow), with the confirmation the host checks for 通过 and 不予批准 ?>
<?cs def:wf_act_buttons(app) ?>
    <?cs if:app.Can.approve || app.Can.reject ?><?cs call:wf_confirm() ?><?cs /if ?>
    <div class="actions">
      <?cs if:app.Can.approve ?><button type="submit" name="action" value="approve">通过</button><?cs /if ?>
      <?cs if:app.Can.resubmit ?><button type="submit" name="action" value="resubmit">材料已补齐，重新提交</button><?cs /if ?>
      <?cs if:app.Can.return ?><button type="submit" name="action" value="return">退回补正（一次性告知）</button><?cs /if ?>
      <?cs if:app.Can.object ?><button type="submit" name="action" value="object">登记异议</button><?cs /if ?>
      <?cs if:app.Can.reject ?><button type="submit" name="action" value="reject">不予批准</button><?cs /if ?>
    </div>
<?cs /def ?>
