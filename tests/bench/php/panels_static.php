<?php
// Bench-only: the child file's panels of the modules that did not exist when
// issue 17 was filed (education, guardianship, medical, privacy, rehab,
// village).  The PHP version of that day's page runs no statement for them:
// they are the portal's HTML for the bench child, as is (see README.md), but
// for what depends on the child's categories and the day (the medical caps
// left, the next visit: file.php).
declare(strict_types=1);

function panels_before_living(int $id): string
{
    return str_replace('{ID}', (string)$id, <<<'HTML'
<section class="panel child-panel" id="panel-education-0" data-module="education">
  <h2>教育保障</h2>
  <table class="list">
    <thead><tr><th scope="col">学期</th><th scope="col">学校</th><th scope="col">年级班级</th><th scope="col">就读方式</th><th scope="col">本年资助（元）</th><th scope="col">控辍保学</th></tr></thead>
    <tbody>
    
    <tr><td colspan="6">暂无记录</td></tr>
    </tbody>
  </table>
  
  <p><a href="/education/children/{ID}">查看详情</a></p>
</section>

<section class="panel child-panel" id="panel-guardianship-1" data-module="guardianship">
  <h2>监护与安全保护</h2>
  <table class="list">
    <thead><tr><th scope="col">项目</th><th scope="col">情况</th></tr></thead>
    <tbody>
    
    <tr><td colspan="2">暂无记录</td></tr>
    </tbody>
  </table>
  
  
</section>
HTML);
}

// the parts that depend on the child and the day (file.php computes them:
// medical_caps, visit_note): the year, the yearly caps left, the next visit
function panels_after_living(int $id, string $year, array $caps, string $visit): string
{
    return strtr(<<<'HTML'
<section class="panel child-panel" id="panel-medical-3" data-module="medical">
  <h2>医疗保障</h2>
  <table class="list">
    <thead><tr><th scope="col">项目</th><th scope="col">情况</th></tr></thead>
    <tbody>
    <tr><td data-label="项目">{YEAR} 年度参保</td><td data-label="情况">不在本年度参保资助名单</td></tr><tr><td data-label="项目">{YEAR} 年已获医疗救助</td><td data-label="情况">0.00 元（0 次）</td></tr><tr><td data-label="项目">住院救助年度余额</td><td data-label="情况">{CAP_IN}</td></tr><tr><td data-label="项目">门诊救助年度余额</td><td data-label="情况">{CAP_OUT}</td></tr><tr><td data-label="项目">办理中的医疗救助申请</td><td data-label="情况">0 件</td></tr><tr><td data-label="项目">慈善购买的商业保险</td><td data-label="情况">无</td></tr>
    
    </tbody>
  </table>
  
  <p><a href="/medical/children/{ID}">查看详情</a></p>
</section>

<section class="panel child-panel" id="panel-privacy-4" data-module="privacy">
  <h2>信息共享登记</h2>
  <table class="list">
    <thead><tr><th scope="col">时间</th><th scope="col">接收单位</th><th scope="col">数据类别</th><th scope="col">依据</th><th scope="col">导出编号</th></tr></thead>
    <tbody>
    
    <tr><td colspan="5">暂无记录</td></tr>
    </tbody>
  </table>
  <p class="hint panel-note">尚无向民政系统以外单位提供该儿童信息的记录。</p>
  <p><a href="/privacy/children/{ID}/copy">查看详情</a></p>
</section>

<section class="panel child-panel" id="panel-rehab-5" data-module="rehab">
  <h2>残疾与康复</h2>
  <table class="list">
    <thead><tr><th scope="col">事项</th><th scope="col">日期</th><th scope="col">情况</th></tr></thead>
    <tbody>
    
    <tr><td colspan="3">暂无记录</td></tr>
    </tbody>
  </table>
  
  <p><a href="/rehab/children/{ID}">查看详情</a></p>
</section>

<section class="panel child-panel" id="panel-village-6" data-module="village">
  <h2>儿童主任走访</h2>
  <table class="list">
    <thead><tr><th scope="col">日期</th><th scope="col">方式</th><th scope="col">儿童主任</th><th scope="col">发现的问题</th></tr></thead>
    <tbody>
    
    <tr><td colspan="4">暂无记录</td></tr>
    </tbody>
  </table>
{VISIT}  <p><a href="/village/children/{ID}/visit">查看详情</a></p>
</section>
HTML, ['{ID}' => (string)$id, '{YEAR}' => $year, '{CAP_IN}' => h($caps[0]),
        '{CAP_OUT}' => h($caps[1]), '{VISIT}' => $visit]);
}
