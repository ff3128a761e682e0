<h1>慈善资金购买的儿童保险</h1>
<table class="list" id="policies">
  <thead><tr><th scope="col">保单号</th><th scope="col">险种</th><th scope="col">保险公司</th><th scope="col">保险期间</th><th scope="col">每人保费（元）</th><th scope="col">资金来源</th><th scope="col">参保儿童</th><th scope="col">理赔</th></tr></thead>
  <tbody>
  <?cs each:p = Policies ?><tr><td><a href="/medical/policies/<?cs var:p.id ?>"><?cs var:p.policy_no ?></a></td><td><?cs var:label("medical.policy_kind", p.kind) ?></td><td><?cs var:p.insurer ?></td><td><?cs var:date(p.start_date) ?> 至 <?cs var:date(p.end_date) ?></td><td><?cs var:money(p.premium_fen) ?></td><td><?cs var:p.funded_by ?></td><td><?cs var:p.n_children ?></td><td><?cs var:p.n_claims ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Policies) ?><tr><td colspan="8">暂无保单。</td></tr><?cs /if ?>
  </tbody>
</table>
<form method="post" action="/medical/policies" class="panel narrow" id="new-policy">
  <h2>登记保单</h2>
  <?cs call:csrf() ?>
  <?cs call:text_field("insurer", "保险公司", Form.insurer, Errors.insurer, 1) ?>
  <div class="field"><label for="f-kind">险种 <abbr title="必填">*</abbr></label>
    <select id="f-kind" name="kind" required><?cs each:k = Kinds ?><option value="<?cs var:k.code ?>"<?cs if:k.code == Form.kind ?> selected<?cs /if ?>><?cs var:k.title ?></option><?cs /each ?></select><?cs call:field_error(Errors.kind) ?></div>
  <?cs call:text_field("policy_no", "保单号", Form.policy_no, Errors.policy_no, 1) ?>
  <div class="field"><label for="f-start">保险起期 <abbr title="必填">*</abbr></label><input type="date" id="f-start" name="start_date" value="<?cs var:Form.start_date ?>" required></div>
  <div class="field"><label for="f-end">保险止期 <abbr title="必填">*</abbr></label><input type="date" id="f-end" name="end_date" value="<?cs var:Form.end_date ?>" required><?cs call:field_error(Errors.end_date) ?></div>
  <?cs call:text_field("premium", "每人保费（元）", Form.premium, Errors.premium, 1) ?>
  <?cs if:subcount(Projects) > 0 ?><div class="field"><label for="f-project">慈善项目（志愿服务模块）</label>
    <select id="f-project" name="project"><option value="">无</option><?cs each:j = Projects ?><option value="<?cs var:j.id ?>"<?cs if:j.id == Form.project ?> selected<?cs /if ?>><?cs var:j.name ?></option><?cs /each ?></select><?cs call:field_error(Errors.project) ?></div><?cs /if ?>
  <?cs call:text_field("funded_by", "资金来源（捐赠方或慈善项目；选了项目可不填）", Form.funded_by, Errors.funded_by, 0) ?>
  <div class="actions"><button type="submit">登记</button></div>
</form>
