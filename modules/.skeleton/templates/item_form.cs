<h1><?cs var:Page.Title ?></h1>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<form method="post" action="<?cs var:Page.Path ?>" class="narrow">
  <?cs call:csrf() ?>
  <?cs call:text_field("title", "名称", Form.title, Errors.title, 1) ?>
  <?cs call:text_field("amount", "金额（元）", Form.amount, Errors.amount, 1) ?>
  <div class="field"><label for="f-day">日期</label>
    <input type="date" id="f-day" name="day" value="<?cs var:Form.day ?>" required></div>
  <button type="submit">保存</button>
</form>
