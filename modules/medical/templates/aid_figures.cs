<?cs # the figures of an aid application (Aid.*): the page and the settlement sheet ?>
<table class="list" id="figures">
  <thead><tr><th scope="col">项目</th><th scope="col">金额或说明</th></tr></thead>
  <tbody>
  <tr><th scope="row">医疗总费用</th><td id="total"><?cs var:money(Aid.total_fen) ?> 元</td></tr>
  <tr><th scope="row">基本医保支付</th><td><?cs var:money(Aid.basic_fen) ?> 元</td></tr>
  <tr><th scope="row">大病保险支付</th><td><?cs var:money(Aid.critical_fen) ?> 元</td></tr>
  <tr><th scope="row">慈善救助</th><td><?cs var:money(Aid.charity_fen) ?> 元</td></tr>
  <tr><th scope="row">商业保险</th><td><?cs var:money(Aid.commercial_fen) ?> 元</td></tr>
  <tr><th scope="row">个人负担</th><td><?cs var:money(Aid.oop_fen) ?> 元</td></tr>
  <tr><th scope="row">政策范围内个人自付</th><td id="eligible"><?cs var:money(Aid.eligible_fen) ?> 元</td></tr>
  <tr><th scope="row">适用类别</th><td id="category"><?cs var:label("core.category", Aid.category) ?>（<?cs var:label("medical.case_type", Aid.case_type) ?>，按 <?cs var:date(Aid.start_date) ?> 的标准）</td></tr>
  <tr><th scope="row">救助比例</th><td id="ratio"><?cs var:Aid.ratio_pct ?>%</td></tr>
  <tr><th scope="row">按比例计算</th><td id="raw"><?cs var:money(Aid.raw_fen) ?> 元</td></tr>
  <tr><th scope="row"><?cs var:Aid.year ?> 年度救助限额</th><td id="cap"><?cs var:money(Aid.cap_fen) ?> 元</td></tr>
  <tr><th scope="row">本次前年度余额</th><td id="cap-left"><?cs var:money(Aid.cap_left_fen) ?> 元</td></tr>
  <tr><th scope="row"><?cs if:Aid.decided_at ?>核定救助金额<?cs else ?>预计救助金额（审批时按届时余额重新核定）<?cs /if ?></th><td id="aid"><strong><?cs var:money(Aid.aid_fen) ?> 元</strong><?cs if:Aid.aid_fen < Aid.raw_fen ?>（已达年度限额）<?cs /if ?></td></tr>
  <tr><th scope="row">支付对象</th><td id="payee"><?cs var:label("medical.payee", Aid.payee) ?><?cs if:Aid.payee == "hospital" ?>：<?cs var:Aid.hospital ?><?cs if:Aid.hospital_account ?>（账号 <?cs var:Aid.hospital_account ?>）<?cs /if ?><?cs /if ?></td></tr>
  </tbody>
</table>
<?cs if:subcount(Items) ?><p id="items">纳入保障的康复项目：<?cs each:i = Items ?><?cs var:i.item_name ?><?cs if:!last(i) ?>、<?cs /if ?><?cs /each ?></p><?cs /if ?>
