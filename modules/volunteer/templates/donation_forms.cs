<?cs # The forms on a pledged donation: confirm delivery, or correct it. ?>
<?cs def:donation_forms(d) ?>
<?cs if:d.status == "pledged" ?>
<form method="post" action="/volunteer/donations/<?cs var:d.id ?>/deliver" class="inline"><?cs call:csrf() ?><input type="date" name="delivered_date" value="<?cs var:Today ?>" required aria-label="交付日期"><button type="submit">确认交付</button></form>
<details><summary>修改</summary>
<form method="post" action="/volunteer/donations/<?cs var:d.id ?>/edit" class="inline"><?cs call:csrf() ?>
  <input type="text" name="donor" value="<?cs var:d.donor ?>" maxlength="100" required aria-label="捐赠方">
  <input type="text" name="amount" value="<?cs var:money(d.money) ?>" maxlength="20" inputmode="decimal" pattern="[0-9]+(\.[0-9]{1,2})?" aria-label="捐款金额（元）">
  <input type="text" name="goods" value="<?cs var:d.goods ?>" maxlength="200" aria-label="捐赠物资">
  <input type="date" name="pledged_date" value="<?cs var:d.pledged_date ?>" required aria-label="认捐日期">
  <button type="submit">保存</button>
</form></details>
<?cs /if ?>
<?cs /def ?>
