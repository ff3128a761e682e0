<?cs # The registry list: filters, one page of 50 children, keyset pager. ?>
<h1>儿童台账</h1>
<?cs if:List.Notices > 0 ?><p class="notice" id="open-notices">本单位有 <?cs var:List.Notices ?> 条待处理的<a href="/children/notices">档案通知</a>（转入的儿童、待核查的疑似重复档案）。</p><?cs /if ?>
<?cs if:List.Org ?><p class="hint" id="org-scope">仅列出与本单位（<?cs var:List.Org ?>）现有关联的儿童（在读、转介或报告）。</p><?cs /if ?>
<details class="panel fold" id="list-filters"<?cs if:List.Filtered ?> open<?cs /if ?>><summary>查询条件</summary>
<form method="get" action="/children" class="filters" role="search">
  <div class="field">
    <label for="f-township">乡镇（街道）</label>
    <select id="f-township" name="township">
      <option value="">全部</option>
      <?cs each:t = List.Towns ?><option value="<?cs var:t.code ?>"<?cs if:t.code == List.F.township ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?>
    </select>
  </div>
  <div class="field">
    <label for="f-village">村（居）</label>
    <select id="f-village" name="village">
      <option value="">全部</option>
      <?cs each:v = List.Villages ?><option value="<?cs var:v.code ?>"<?cs if:v.code == List.F.village ?> selected<?cs /if ?>><?cs var:v.name ?></option><?cs /each ?>
    </select>
    <?cs if:!subcount(List.Villages) ?><span class="hint">先选择乡镇（街道）并查询，再选村（居）。</span><?cs /if ?>
  </div>
  <div class="field">
    <label for="f-category">类别</label>
    <select id="f-category" name="category">
      <option value="">全部</option>
      <?cs each:c = Opts.category ?><option value="<?cs var:c.code ?>"<?cs if:c.code == List.F.category ?> selected<?cs /if ?>><?cs var:c.title ?></option><?cs /each ?>
    </select>
  </div>
  <div class="field">
    <label for="f-status">状态</label>
    <select id="f-status" name="status">
      <option value="">全部</option>
      <option value="active"<?cs if:List.F.status == "active" ?> selected<?cs /if ?>>在册</option>
      <option value="exited"<?cs if:List.F.status == "exited" ?> selected<?cs /if ?>>已退出</option>
    </select>
  </div>
  <div class="field">
    <label for="f-age">年龄段</label>
    <select id="f-age" name="age">
      <option value="">全部</option>
      <?cs each:a = List.Ages ?><option value="<?cs var:a.code ?>"<?cs if:a.code == List.F.age ?> selected<?cs /if ?>><?cs var:a.title ?></option><?cs /each ?>
    </select>
  </div>
  <div class="field">
    <label for="f-q">姓名（可只填名字的一部分）、身份证号或其后四位</label>
    <input type="text" id="f-q" name="q" value="<?cs var:List.F.q ?>"<?cs if:Limits.q ?> maxlength="<?cs var:Limits.q ?>"<?cs /if ?>>
  </div>
  <div class="field">
    <label for="f-sort">排序</label>
    <select id="f-sort" name="sort">
      <option value="name"<?cs if:List.F.sort == "name" ?> selected<?cs /if ?>>按姓名</option>
      <option value="birth"<?cs if:List.F.sort == "birth" ?> selected<?cs /if ?>>按出生日期</option>
      <option value="id"<?cs if:List.F.sort == "id" ?> selected<?cs /if ?>>最新建档在前</option>
    </select>
  </div>
  <button type="submit">查询</button>
  <a href="/children">清除条件</a>
</form>
</details>

<p class="summary">显示 <?cs var:List.Shown ?> 条，符合条件共 <?cs var:List.Total ?> 条<?cs if:List.Total == "10000+" ?>（超过 10000 条，请缩小查询范围）<?cs /if ?>。
<?cs if:List.CanExport == "1" ?><a class="button" href="<?cs var:List.Export ?>">导出 CSV</a> <a class="button" href="<?cs var:List.ExportXlsx ?>" id="export-xlsx">导出 Excel</a><?cs /if ?>
<?cs if:List.CanEdit == "1" ?><a class="button" href="/children/new">新建档案</a><?cs /if ?></p>
<?cs if:List.CanExportFull == "1" ?>
<details class="export-full"><summary>导出含完整身份证号的台账</summary>
<form method="get" action="/children/export.xlsx" id="export-full">
  <?cs each:k = List.F ?><input type="hidden" name="<?cs name:k ?>" value="<?cs var:k ?>"><?cs /each ?>
  <input type="hidden" name="full_id" value="1">
  <button type="submit">导出 Excel（含完整身份证号，下一步填写用途）</button>
</form></details>
<?cs /if ?>

<table class="list">
  <caption>儿童名单（身份证号已脱敏）</caption>
  <thead><tr><th scope="col">姓名</th><th scope="col">性别</th><th scope="col">年龄</th><th scope="col">身份证号</th><th scope="col">村（居）</th><th scope="col">类别</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?cs each:c = List.Rows ?>
    <tr>
      <td><a href="/children/<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
      <td><?cs var:label("registry.sex", c.sex) ?></td>
      <td><?cs var:c.age ?> 岁</td>
      <td class="idno"><?cs if:c.masked ?><?cs var:c.masked ?><?cs else ?>无身份证号<?cs /if ?></td>
      <td><?cs var:division(c.village_code) ?></td>
      <td><?cs var:labels("core.category", c.cats) ?></td>
      <td><?cs var:label("registry.status", c.status) ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(List.Rows) ?><tr><td colspan="7">没有符合条件的儿童。</td></tr><?cs /if ?>
  </tbody>
</table>
<?cs call:pager(List.Base, List.Prev, List.Next) ?>
