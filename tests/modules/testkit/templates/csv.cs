<h1>CSV</h1>
<p id="csv-count">[<?cs var:Csv.count ?>]</p>
<?cs if:Csv.error ?><p id="csv-error" role="alert"><?cs var:Csv.error ?></p><?cs /if ?>
<table id="csv"><?cs each:row = Csv.Rows ?><tr><?cs each:c = row ?><td><?cs var:c ?></td><?cs /each ?></tr><?cs /each ?></table>
