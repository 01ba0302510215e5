// The portal's small behaviours, as data- attributes instead of inline handlers, so the
// Content-Security-Policy can forbid inline script (config/settings.py, CONTENT_SECURITY_POLICY).
//   <form data-confirm="…">, <button data-confirm="…">  ask before submitting
//   <select data-autosubmit>                              submit its form when changed
//   <button data-print>                                   print the page
//   <input type="checkbox" data-check-all="NAME">         check its form's NAME boxes with it
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : event.target.parentElement;
    var asking = target && target.closest("button[data-confirm], a[data-confirm], input[data-confirm]");
    if (asking && !window.confirm(asking.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (target && target.closest("[data-print]")) {
      window.print();
    }
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.dataset && field.dataset.checkAll && field.form) {
      field.form.querySelectorAll('input[type="checkbox"][name="' + field.dataset.checkAll + '"]')
        .forEach(function (box) { box.checked = field.checked; });
      return;
    }
    if (field.dataset && "autosubmit" in field.dataset && field.form) {
      field.form.submit();
    }
  });

  // The inspection form: "add a finding" copies the empty formset row (inspections/form.html).
  document.addEventListener("DOMContentLoaded", function () {
    var add = document.getElementById("add-finding");
    if (!add) {
      return;
    }
    add.addEventListener("click", function () {
      var total = document.getElementById("id_findings-TOTAL_FORMS");
      var html = document.getElementById("finding-template").innerHTML.replace(/__prefix__/g, total.value);
      document.getElementById("findings").insertAdjacentHTML("beforeend", html);
      total.value = parseInt(total.value, 10) + 1;
    });
  });
})();
