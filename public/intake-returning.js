// Tells the receptionist, as they type a known customer's e-mail or phone, "Returning customer:
// 2 earlier tickets, 1 open — see history" (the dealer's own customers only: the lookup is
// scoped). Without it the form works the same, and the notice shows when the form comes back.
(function () {
  'use strict';
  var notice = document.getElementById('returning-customer');
  var form = notice && document.querySelector('form.intake');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var email = form.elements.namedItem('customerEmail');
  var phone = form.elements.namedItem('customerPhone');
  var asked = '';

  function hide() {
    notice.hidden = true;
    notice.textContent = '';
  }
  function show(found) {
    var words = found.tickets === 1 ? notice.getAttribute('data-one') : notice.getAttribute('data-many');
    notice.textContent = words.replace('{n}', String(found.tickets)).replace('{open}', String(found.open)) + ' — ';
    var link = document.createElement('a');
    // Only our own customer pages: the answer is ours, but a link is never taken on trust.
    link.href = /^\/customers\/[0-9a-f-]+$/i.test(found.url) ? found.url : '/customers/' + encodeURIComponent(found.customerId);
    link.textContent = notice.getAttribute('data-see');
    notice.appendChild(link);
    notice.hidden = false;
  }
  function ask() {
    var dealer = form.elements.namedItem('dealerId');
    var params = new URLSearchParams();
    params.set('dealerId', dealer ? dealer.value : '');
    var e = email.value.trim();
    var p = phone.value.trim();
    if (e && email.validity.valid) params.set('email', e);
    if (p) params.set('phone', p);
    if (!params.has('email') && !params.has('phone')) {
      asked = '';
      hide();
      return;
    }
    var query = params.toString();
    if (query === asked) return;
    asked = query;
    fetch(notice.getAttribute('data-lookup') + '?' + query, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (found) {
        // A later question has been asked meanwhile: its answer is the one to show.
        if (asked !== query) return;
        if (found && found.customerId) show(found);
        else hide();
      })
      .catch(function () { /* the lookup is a help; the form goes on without it */ });
  }
  [email, phone, form.elements.namedItem('dealerId')].forEach(function (el) {
    if (el && el.addEventListener) el.addEventListener('change', ask);
  });
})();
