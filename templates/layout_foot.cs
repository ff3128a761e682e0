</main>
<footer class="bottom">
  <p>酉阳土家族苗族自治县困境儿童保障工作平台 · 内部系统，数据涉及儿童个人信息，请依法使用、严格保密。</p>
</footer>
</body>
</html>
