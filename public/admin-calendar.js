// Adds and removes rows of the admin page's opening-hours grid and holiday list. Without
// it the page still works: it offers empty rows, and a cleared row is dropped on saving.
(function () {
  'use strict';
  function renumber(row, index) {
    row.querySelectorAll('[name],[id],[for],[aria-describedby]').forEach(function (el) {
      ['name', 'id', 'for', 'aria-describedby'].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(/-(\d+)-(from|to|date|name)/, '-' + index + '-$2'));
      });
    });
  }
  function nextIndex(list) {
    var max = -1;
    list.querySelectorAll('[data-row] input[name]').forEach(function (input) {
      var m = /-(\d+)-/.exec(input.name);
      if (m) max = Math.max(max, Number(m[1]));
    });
    return max + 1;
  }
  function clean(row) {
    row.querySelectorAll('input').forEach(function (input) { input.value = ''; input.removeAttribute('aria-invalid'); input.removeAttribute('aria-describedby'); });
    row.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
    row.querySelectorAll('.invalid').forEach(function (e) { e.classList.remove('invalid'); });
  }
  document.querySelectorAll('[data-list]').forEach(function (list) {
    var rows = list.querySelector('.intervals');
    var add = list.querySelector(':scope > [data-add]');
    if (!rows || !add) return;
    add.hidden = false;
    rows.querySelectorAll('[data-remove]').forEach(function (b) { b.hidden = false; });
    add.addEventListener('click', function () {
      var last = rows.querySelector('[data-row]:last-of-type');
      if (!last) return;
      var row = last.cloneNode(true);
      clean(row);
      renumber(row, nextIndex(list));
      rows.appendChild(row);
      row.querySelector('input').focus();
    });
    rows.addEventListener('click', function (event) {
      var button = event.target.closest('[data-remove]');
      if (!button) return;
      var row = button.closest('[data-row]');
      // The last row stays, emptied, so there is always one to add to.
      if (rows.querySelectorAll('[data-row]').length > 1) row.remove();
      else clean(row);
      add.focus();
    });
  });
})();
