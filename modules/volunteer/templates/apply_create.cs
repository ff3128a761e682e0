<?cs # After a public application. ?>
<h1>申请已提交</h1>
<p class="summary" id="applied">“<?cs var:Applied.name ?>”（统一社会信用代码 <?cs var:Applied.reg_no ?>）的合作申请已提交。县民政局审核后将通过您留下的联系电话与您联系，并为您开通账号。</p>
<p><a href="/login">返回登录页</a></p>
