<?cs # A printable certificate of a volunteer's verified hours. ?>
<?cs with:c = Cert ?>
<article class="certificate" id="certificate">
  <h1>志愿服务时长证明</h1>
  <p>兹证明志愿者 <strong id="cert-name"><?cs var:c.name ?></strong>（编号 <?cs var:c.id ?>）在
  <strong id="cert-org"><?cs var:c.org_name ?></strong> 参加关爱儿童志愿服务，
  <?cs if:c.first_date ?>服务期间为 <span id="cert-period"><?cs var:c.first_date ?> 至 <?cs var:c.last_date ?></span>，<?cs /if ?>
  经乡镇核实的服务共 <span id="cert-services"><?cs var:c.services ?></span> 次，
  累计服务时长 <span id="cert-hours"><?cs var:Hours ?> 小时 <?cs var:Minutes ?> 分钟</span>（<span id="cert-minutes"><?cs var:TotalMinutes ?></span> 分钟）。</p>
  <p>仅统计经乡镇核实的服务记录。</p>
  <p class="issued">出具日期：<span id="cert-issued"><?cs var:Issued ?></span></p>
  <p class="noprint"><button type="button" data-print id="print">打印</button></p>
</article>
<?cs /with ?>
