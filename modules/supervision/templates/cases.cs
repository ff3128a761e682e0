<?cs include:"nav.cs" ?>
<h1><?cs var:Ind.title ?>：未达标名单（<?cs var:Month ?><?cs if:Want ?>，<?cs var:division(Want) ?><?cs else ?>，全县<?cs /if ?>）</h1>
<p class="hint"><?cs var:Ind.definition ?></p>
<table class="list" id="cases">
  <thead><tr><th scope="col">编号</th><th scope="col">儿童</th><th scope="col">身份证号</th><th scope="col">乡镇（街道）</th><th scope="col">村（社区）</th></tr></thead>
  <tbody>
  <?cs each:c = Cases ?><tr data-case="<?cs var:c.case_id ?>">
    <td><?cs if:Ind.cases == "child" ?>儿童<?cs elif:Ind.cases == "application" ?>申请<?cs elif:Ind.cases == "report" ?>报告<?cs else ?>辍学案件<?cs /if ?> #<?cs var:c.case_id ?></td>
    <td><?cs if:c.child_id ?><a href="/children/<?cs var:c.child_id ?>"><?cs var:c.name ?></a><?cs else ?>（未识别身份的儿童）<?cs /if ?></td>
    <td><?cs if:c.id_last4 ?><?cs var:mask_id(c.id_last4) ?><?cs /if ?></td>
    <td><?cs var:division(c.township_code) ?></td><td><?cs if:c.village_code ?><?cs var:division(c.village_code) ?><?cs /if ?></td>
  </tr><?cs /each ?>
  <?cs if:!subcount(Cases) ?><tr><td colspan="5">没有未达标的记录。</td></tr><?cs /if ?>
  </tbody>
</table>
<p><a href="/supervision?month=<?cs var:Month ?>">返回督查指标</a></p>
