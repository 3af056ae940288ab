// Copy buttons; the page works without this script.
document.addEventListener("click", function (e) {
  var b = e.target.closest("button.copy");
  if (!b) return;
  var t = document.getElementById(b.dataset.target);
  if (t && navigator.clipboard) navigator.clipboard.writeText(t.value);
});
