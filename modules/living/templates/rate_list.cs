<?cs # Dated rates: every row kept; the one in force today marked. ?>
<h1>保障标准</h1>
<p class="summary">每月的发放金额按该月 1 日有效的标准计算（执行日期不晚于当月 1 日的最新一条）。标准只能新增，不能修改或删除。今天：<?cs var:Today ?>。</p>
<table class="list">
  <caption>各项保障标准（元/人·月）</caption>
  <thead><tr><th scope="col">项目</th><th scope="col">执行日期</th><th scope="col">金额（元）</th><th scope="col">依据</th><th scope="col">状态</th><th scope="col">录入</th></tr></thead>
  <tbody>
  <?cs each:x = Rates ?>
    <tr<?cs if:x.current == "1" ?> class="current"<?cs /if ?>>
      <td><?cs var:label("living.rate", x.kind) ?></td>
      <td><?cs var:x.effective_from ?></td>
      <td class="num"><?cs var:money(x.amount_fen) ?></td>
      <td><?cs var:x.basis ?></td>
      <td><?cs if:x.current == "1" ?><strong>现行标准</strong><?cs elif:x.future == "1" ?>尚未生效<?cs else ?>已停止执行<?cs /if ?></td>
      <td><?cs var:x.created_by ?></td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs if:CanEdit == "1" ?>
<form method="post" action="/living/rates" class="panel">
  <?cs call:csrf() ?>
  <h2>新增一条标准</h2>
  <div class="field">
    <label for="f-kind">项目</label>
    <select id="f-kind" name="kind" required>
      <?cs each:k = Kinds ?><option value="<?cs var:k.code ?>"><?cs var:k.title ?></option><?cs /each ?>
    </select>
  </div>
  <div class="field">
    <label for="f-from">执行日期</label>
    <input type="date" id="f-from" name="effective_from" required>
  </div>
  <div class="field">
    <label for="f-amount">金额（元/人·月）</label>
    <input type="text" id="f-amount" name="amount" inputmode="decimal" pattern="[0-9]{1,10}(\.[0-9]{1,2})?" required>
    <span class="hint">以元为单位，最多两位小数，例如 1651.50。</span>
  </div>
  <div class="field">
    <label for="f-basis">依据文件</label>
    <input type="text" id="f-basis" name="basis" maxlength="200" required>
  </div>
  <button type="submit">新增标准</button>
</form>
<?cs /if ?>
