<h1>学生资助</h1>
<p class="hint">资助标准为按学期的日期设定（模块设置），以学期第一天有效的标准计算。每名学生每个项目每学期只计一次；重复生成只补入新符合条件的学生。</p>
<?cs if:Errors.count ?><p class="form-error" role="alert">请改正标出的错误后再提交，未做任何修改。</p><?cs /if ?>
<?cs if:Manager ?>
<form method="post" action="/education/aid" class="narrow">
  <?cs call:csrf() ?>
  <div class="field"><label for="f-programme">资助项目</label>
    <select id="f-programme" name="programme"><?cs each:p = Programmes ?><option value="<?cs var:p.code ?>"><?cs var:p.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.programme) ?></div>
  <?cs call:text_field("semester", "学期（如 2026-2 为秋季）", Form.semester, Errors.semester, 1) ?>
  <button type="submit">生成资助名单</button>
</form>
<?cs /if ?>
<table class="list" id="lists">
  <thead><tr><th scope="col">学期</th><th scope="col">项目</th><th scope="col">人数</th><th scope="col">金额（元）</th><th scope="col">状态</th></tr></thead>
  <tbody>
  <?cs each:l = Lists ?><tr><td><?cs var:l.semester ?></td><td><a href="/education/aid/<?cs var:l.id ?>"><?cs var:label("education.programme", l.programme) ?></a></td><td class="num"><?cs var:l.n ?></td><td class="num"><?cs var:money(l.total_fen) ?></td><td><?cs if:l.status == "approved" ?>已审批发放<?cs else ?>待审核<?cs /if ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Lists) ?><tr><td colspan="5">尚未生成。</td></tr><?cs /if ?>
  </tbody>
</table>
