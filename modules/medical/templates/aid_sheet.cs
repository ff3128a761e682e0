<article class="print-sheet" id="settlement">
<h1>酉阳县困境儿童医疗救助结算单</h1>
<p>申请编号：#<?cs var:App.id ?>　儿童：<?cs var:App.child_name ?>　状态：<?cs var:App.status_title ?><?cs if:Aid.decided_at ?>　核定时间：<?cs var:datetime(Aid.decided_at) ?><?cs /if ?></p>
<p>医院：<?cs var:Aid.hospital ?>　<?cs var:label("medical.case_type", Aid.case_type) ?>：<?cs var:date(Aid.start_date) ?> 至 <?cs var:date(Aid.end_date) ?>　诊断：<?cs var:Aid.diagnosis ?></p>
<?cs include:"aid_figures.cs" ?>
<p>计算方法：救助金额 = 政策范围内个人自付 × 救助比例（不足一分舍去），且不超过该儿童当年同类救助的年度余额。</p>
<p>经办人：＿＿＿＿　审核人：＿＿＿＿　领款人（监护人或医院）：＿＿＿＿</p>
<p class="no-print"><button type="button" data-print>打印</button> <a href="/medical/aid/<?cs var:App.id ?>">返回申请</a></p>
</article>
