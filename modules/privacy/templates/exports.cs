<h1>导出登记簿</h1>
<p class="hint">本辖区每一次导出儿童个人信息（名单、银行代发文件等）的记录：导出人、时间、用途、条件、行数、是否含完整身份证号、审批人。时间为北京时间。</p>
<form method="get" action="/privacy/exports" class="filters" role="search">
  <label for="f-from">起</label><input type="date" id="f-from" name="from" value="<?cs var:Form.from ?>">
  <label for="f-to">止</label><input type="date" id="f-to" name="to" value="<?cs var:Form.to ?>">
  <label for="f-user">导出人</label><input type="text" id="f-user" name="user" maxlength="64" value="<?cs var:Form.user ?>">
  <label for="f-purpose">用途</label><select id="f-purpose" name="purpose"><option value="">全部</option>
  <?cs each:p = Purposes ?><option value="<?cs var:p.code ?>"<?cs if:p.code == Form.purpose ?> selected<?cs /if ?>><?cs var:p.title ?></option><?cs /each ?></select>
  <label for="f-status">状态</label><select id="f-status" name="status"><option value="">全部</option>
  <?cs each:p = Statuses ?><option value="<?cs var:p.code ?>"<?cs if:p.code == Form.status ?> selected<?cs /if ?>><?cs var:p.title ?></option><?cs /each ?></select>
  <label><input type="checkbox" name="full_id" value="1"<?cs if:Form.full_id == "1" ?> checked<?cs /if ?>> 只看含完整身份证号</label>
  <button type="submit">查询</button>
</form>
<table class="list" id="exports">
  <thead><tr><th scope="col">编号</th><th scope="col">时间</th><th scope="col">导出人</th><th scope="col">内容</th><th scope="col">用途</th><th scope="col">条件</th><th scope="col">行数</th><th scope="col">完整身份证号</th><th scope="col">状态</th><th scope="col">审批人</th></tr></thead>
  <tbody>
  <?cs each:e = Exports ?><tr id="export-<?cs var:e.id ?>">
    <td><a href="/privacy/exports/<?cs var:e.id ?>">#<?cs var:e.id ?></a></td>
    <td><?cs var:datetime(e.created_at) ?></td>
    <td><?cs var:e.user_name ?>（<?cs var:e.username ?>）</td>
    <td><?cs var:e.title ?></td>
    <td class="purpose"><?cs var:e.purpose_title ?><?cs if:e.recipient ?>：<?cs var:e.recipient ?><?cs /if ?><?cs if:e.purpose_note ?>（<?cs var:e.purpose_note ?>）<?cs /if ?></td>
    <td class="filter"><code><?cs var:e.filter ?></code></td>
    <td class="rows"><?cs var:e.row_count ?><?cs if:e.rows_written != "" && e.rows_written != e.row_count ?>（写出 <?cs var:e.rows_written ?>）<?cs /if ?></td>
    <td><?cs if:e.full_id == "1" ?>是<?cs else ?>否<?cs /if ?></td>
    <td class="status"><?cs var:label("privacy.status", e.status) ?></td>
    <td class="approver"><?cs var:e.decided_by ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Exports) ?><tr><td colspan="10">没有符合条件的导出记录。</td></tr><?cs /if ?>
  </tbody>
</table>
