<h1>档案保存期限：下月将归档</h1>
<p class="hint">儿童退出全部类别且年满 18 周岁后，自最后一条记录起满 <?cs var:Years ?> 年的档案，由系统每日自动归档：仅保留身份信息、所属类别和已发放补助，家庭成员、走访记录、附件、心理辅导等其余内容删除，档案不再出现在任何名单和查询中。设置法律保留的档案不归档。强制报告、移送公安、国家监护等保护记录在档案归档后继续保存，自其中最后一条起满 <?cs var:YearsAbuse ?> 年后删除，仅保留其存在、日期和结果代码。以下为截至 <?cs var:Until ?> 将归档的档案（试运行，尚未归档）。</p>
<table class="list" id="due">
  <caption>下月将归档（<?cs var:subcount(Due) ?> 份）</caption>
  <thead><tr><th scope="col">儿童</th><th scope="col">出生日期</th><th scope="col">村（居）</th><th scope="col">最后一条记录</th><th scope="col">规则</th><th scope="col">法律保留</th></tr></thead>
  <tbody>
  <?cs each:d = Due ?><tr id="due-<?cs var:d.id ?>"><td><a href="/children/<?cs var:d.id ?>"><?cs var:d.name ?></a></td><td><?cs var:date(d.birth_date) ?></td><td><?cs var:division(d.village_code) ?></td><td><?cs var:date(d.last_at) ?></td><td><?cs if:d.abuse == "1" ?>侵害报告档案<?cs else ?>一般档案<?cs /if ?></td>
    <td><form method="post" action="/privacy/children/<?cs var:d.id ?>/hold" class="inline"><?cs call:csrf() ?><input type="hidden" name="hold" value="1">
      <input type="text" name="reason" maxlength="200" required placeholder="理由" aria-label="法律保留理由"><button type="submit">法律保留</button></form></td></tr><?cs /each ?>
  <?cs if:!subcount(Due) ?><tr><td colspan="6">下月没有将归档的档案。</td></tr><?cs /if ?>
  </tbody>
</table>
<table class="list" id="holds">
  <caption>法律保留</caption>
  <thead><tr><th scope="col">儿童</th><th scope="col">理由</th><th scope="col">设置人</th><th scope="col">时间</th><th scope="col"></th></tr></thead>
  <tbody>
  <?cs each:h = Holds ?><tr id="hold-<?cs var:h.child_id ?>"><td><?cs var:h.name ?></td><td><?cs var:h.reason ?></td><td><?cs var:h.set_by ?></td><td><?cs var:datetime(h.set_at) ?></td>
    <td><form method="post" action="/privacy/children/<?cs var:h.child_id ?>/hold" class="inline"><?cs call:csrf() ?><input type="hidden" name="hold" value="0"><button type="submit">解除</button></form></td></tr><?cs /each ?>
  <?cs if:!subcount(Holds) ?><tr><td colspan="5">无。</td></tr><?cs /if ?>
  </tbody>
</table>
<table class="list" id="archived">
  <caption>最近归档的档案（保留的最少信息）</caption>
  <thead><tr><th scope="col">儿童</th><th scope="col">出生日期</th><th scope="col">所属类别</th><th scope="col">已发放补助（元）</th><th scope="col">最后一条记录</th><th scope="col">归档时间</th><th scope="col">保护记录</th></tr></thead>
  <tbody>
  <?cs each:a = Archived ?><tr id="archived-<?cs var:a.child_id ?>"><td><?cs var:a.name ?></td><td><?cs var:date(a.birth_date) ?></td><td><?cs var:a.categories ?></td><td><?cs var:money(a.benefits_fen) ?></td><td><?cs var:date(a.last_event_at) ?></td><td><?cs var:datetime(a.archived_at) ?></td><td class="records"><?cs if:a.minimum > 0 ?>已期满删除，保留最少信息 <?cs var:a.minimum ?> 条<?cs elif:a.abuse_case == "1" ?>保存中（期满后删除）<?cs /if ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Archived) ?><tr><td colspan="7">无。</td></tr><?cs /if ?>
  </tbody>
</table>
