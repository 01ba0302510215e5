// The portal's small behaviours, as data- attributes instead of inline handlers, so the
// Content-Security-Policy can forbid inline script (config/settings.py, CONTENT_SECURITY_POLICY).
//   <form data-confirm="…">, <button data-confirm="…">  ask before submitting
//   <select data-autosubmit>                              submit its form when changed
//   <button data-print>                                   print the page
//   <input data-datepicker>                               a dd/mm/yyyy date with a calendar
//                                                         (vendored flatpickr, Vietnamese)
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

  // Dates read and written as dd/mm/yyyy whatever the browser's locale (the server takes
  // yyyy-mm-dd too, common/forms.py). Text that is not a date is left as typed, so the server's
  // message shows beside the user's own entry instead of an emptied field.
  function parseDay(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    var iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text || "");
    var y, mo, d;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; }
    else if (iso) { y = +iso[1]; mo = +iso[2]; d = +iso[3]; }
    else { return undefined; }
    var day = new Date(y, mo - 1, d);
    return day.getFullYear() === y && day.getMonth() === mo - 1 && day.getDate() === d ? day : undefined;
  }

  function datePicker(input) {
    if (!window.flatpickr || input._flatpickr) {
      return;
    }
    var l10ns = window.flatpickr.l10ns || {};
    var vietnamese = (document.documentElement.lang || "vi").indexOf("vi") === 0;
    var picker = window.flatpickr(input, {
      dateFormat: "d/m/Y",
      allowInput: true,
      disableMobile: true,  // a phone's own picker would follow the browser's locale again
      locale: vietnamese && l10ns.vn ? l10ns.vn : "default",
      parseDate: parseDay
    });
    // flatpickr empties a field whose text it cannot read (on blur, Enter or a click elsewhere).
    var setDate = picker.setDate;
    picker.setDate = function (date) {
      if (typeof date === "string" && date.trim() && !parseDay(date)) {
        return;
      }
      return setDate.apply(picker, arguments);
    };
  }

  function datePickers(root) {
    (root || document).querySelectorAll("input[data-datepicker]").forEach(datePicker);
  }

  document.addEventListener("DOMContentLoaded", function () { datePickers(document); });
  document.addEventListener("htmx:load", function (event) { datePickers(event.target); });

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
