<?cs # The terms of the assignment `c` and the end of its facts (partner_child.cs,
     partner_area.cs); the service logs section follows. ?>
    <dt>服务类型</dt><dd><?cs var:c.service_type ?></dd>
    <dt>服务需求</dt><dd id="needs"><?cs var:c.needs ?></dd>
    <dt>服务期限</dt><dd><?cs var:c.start_date ?> 至 <?cs var:c.end_date ?></dd>
  </dl>
</section>
<section class="panel" id="logs">
