<?cs # Shared labels of the payment pages. ?>
<?cs def:month_status(st) ?><?cs if:st == "generated" ?>已生成，待复核<?cs elif:st == "reviewed" ?>已复核，待锁定<?cs elif:st == "locked" ?>已锁定<?cs else ?>未生成<?cs /if ?><?cs /def ?>
<?cs def:line_kind(k) ?><?cs if:k == "regular" ?>正常发放<?cs elif:k == "backpay" ?>补发<?cs elif:k == "correction" ?>更正<?cs else ?><?cs var:k ?><?cs /if ?><?cs /def ?>
