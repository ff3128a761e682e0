<?cs # The modules' periodic jobs (2.9) and their last runs (review.c). ?>
<h1>定时任务</h1>
<p>以下任务由系统后台按周期自动运行，不由页面操作触发。运维人员可在服务器上用
<code>portalctl job run 模块.任务</code> 立即运行一次。</p>
<?cs if:subcount(Jobs) > 0 ?>
<table class="list" id="jobs">
  <thead><tr><th>任务</th><th>模块</th><th>周期</th><th>最近开始</th><th>最近结束</th><th>结果</th><th>累计运行</th><th>失败</th></tr></thead>
  <tbody>
  <?cs each:j = Jobs ?>
  <tr id="job-<?cs var:j.module ?>-<?cs var:j.name ?>">
    <td><?cs var:j.title ?></td>
    <td><?cs var:j.module ?></td>
    <td><?cs if:j.every >= 1440 ?>每 <?cs var:j.every / 1440 ?> 天<?cs elif:j.every >= 60 ?>每 <?cs var:j.every / 60 ?> 小时<?cs else ?>每 <?cs var:j.every ?> 分钟<?cs /if ?></td>
    <td><?cs if:j.started ?><?cs var:datetime(j.started) ?><?cs else ?>尚未运行<?cs /if ?></td>
    <td><?cs if:j.finished ?><?cs var:datetime(j.finished) ?><?cs /if ?></td>
    <td class="status-<?cs var:j.status ?>"><?cs if:j.status == "ok" ?>成功<?cs elif:j.status == "failed" ?>失败：<?cs var:j.message ?><?cs elif:j.status == "running" ?>运行中<?cs /if ?></td>
    <td><?cs var:j.runs ?></td>
    <td><?cs var:j.failures ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p class="empty">没有模块声明定时任务。</p>
<?cs /if ?>
