<section class="panel">
  <h2>文件格式</h2>
  <p>Excel 工作簿（.xlsx 或 .xls，读取第一个工作表）或 CSV 文件（UTF-8 或 GBK 编码均可）。表头一行写列名（表头上方可以有标题行），其下每行一名儿童，每个文件最多 <?cs var:Import.MaxRows ?> 行。按列名识别各列，列的顺序不限，其他列不读取。</p>
  <table class="list">
    <caption>各列</caption>
    <thead><tr><th scope="col">列</th><th scope="col">说明</th></tr></thead>
    <tbody>
      <tr><td>姓名</td><td>必填，最多 <?cs var:Limits.name ?> 个字，不能含表情符号</td></tr>
      <tr><td>性别</td><td>必填：男 或 女</td></tr>
      <tr><td>出生日期</td><td>必填，如 2015-03-08</td></tr>
      <tr><td>民族</td><td>可空，默认汉族</td></tr>
      <tr><td>身份证号</td><td>18 位，须与出生日期、性别一致；请把 Excel 中这一列设为“文本”，以免被改成科学计数法；日期列可以是 Excel 日期</td></tr>
      <tr><td>无证原因</td><td>没有身份证号时必填（如：未落户），有身份证号时留空</td></tr>
      <tr><td>村（居）代码</td><td>必填，12 位统计用区划代码，须在您的辖区内（<a href="/children/import/villages">查看辖区内各村（居）的代码</a>）</td></tr>
      <tr><td>户籍地址</td><td>可空</td></tr>
      <tr><td>现住址</td><td>可空</td></tr>
      <tr><td>类别</td><td>必填，一种：<?cs each:c = Opts.category ?><?cs if:!first(c) ?>、<?cs /if ?><?cs var:c.title ?><?cs /each ?></td></tr>
      <tr><td>认定依据</td><td>必填，如“县民政局批复〔2025〕12号”</td></tr>
      <tr><td>开始日期</td><td>必填，类别的认定日期，如 2025-01-01</td></tr>
    </tbody>
  </table>
  <p><a class="button" href="/children/import/template.csv" id="import-template">下载导入模板（CSV，可用 Excel 打开）</a></p>
  <p>表头：<code><?cs each:c = Import.Columns ?><?cs if:!first(c) ?>,<?cs /if ?><?cs var:c ?><?cs /each ?></code></p>
  <p>先“检查文件”：系统逐行核对（身份证号校验位、与出生日期和性别是否一致、是否重复、村（居）是否在辖区内、类别和日期），列出所有有问题的行，<strong>不导入任何记录</strong>。全部通过后，再上传同一文件并选择“确认导入”：只有整个文件没有任何错误时才会导入，且一次全部导入。</p>
</section>
