<h1>工作日历</h1>
<p class="hint">按工作日计算的办理时限以周一至周五为工作日；这里只登记例外：法定节假日（周一至周五放假）和调休上班日（周六、周日上班）。</p>
<section class="panel">
<h2>登记节假日或调休上班日</h2>
<form method="post" action="/admin/calendar" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-day">日期 <abbr title="必填">*</abbr></label>
    <input type="date" id="f-day" name="day" value="<?cs var:Form.day ?>" required></div>
  <div class="field"><label for="f-kind">类型</label>
    <select id="f-kind" name="is_workday">
      <option value="0">节假日（休息）</option>
      <option value="1">调休上班日</option>
    </select></div>
  <div class="field"><label for="f-note">说明</label>
    <input type="text" id="f-note" name="note" value="<?cs var:Form.note ?>" maxlength="64" placeholder="例如：国庆节"></div>
  <button type="submit">登记</button>
</form>
</section>
<table class="list" id="calendar">
  <caption>已登记的例外（最新在前）</caption>
  <thead><tr><th scope="col">日期</th><th scope="col">星期</th><th scope="col">类型</th><th scope="col">说明</th><th scope="col">操作</th></tr></thead>
  <tbody>
  <?cs each:d = Days ?><tr>
    <td><?cs var:d.day ?></td><td>星期<?cs var:d.weekday ?></td>
    <td><?cs if:d.is_workday == "1" ?>调休上班日<?cs else ?>节假日<?cs /if ?></td>
    <td><?cs var:d.note ?></td>
    <td><form method="post" action="/admin/calendar" class="inline"><?cs call:csrf() ?><input type="hidden" name="day" value="<?cs var:d.day ?>"><input type="hidden" name="remove" value="1"><button type="submit">删除</button></form></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Days) ?><tr><td colspan="5">尚未登记任何例外。</td></tr><?cs /if ?>
  </tbody>
</table>
