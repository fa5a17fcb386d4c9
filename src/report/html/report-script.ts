/**
 * The report's only script: filters (rating, tag, claimant, words), kept in the
 * URL's query so a filtered view can be shared, and deep links (#claim-id) that
 * bring their card into view. It reads the page and nothing else: no requests.
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  var shown = document.getElementById('shown');
  var cards = Array.prototype.slice.call(document.querySelectorAll('article.card'));
  var fields = { rating: form.elements.rating, tag: form.elements.tag, claimant: form.elements.claimant, q: form.elements.q };
  var keys = Object.keys(fields);

  function state() {
    var s = {};
    keys.forEach(function (k) { s[k] = fields[k].value.trim(); });
    return s;
  }

  function apply() {
    var s = state();
    var words = s.q.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    cards.forEach(function (card) {
      var match = (!s.rating || card.getAttribute('data-rating') === s.rating) &&
        (!s.tag || (' ' + card.getAttribute('data-tags') + ' ').indexOf(' ' + s.tag + ' ') !== -1) &&
        (!s.claimant || card.getAttribute('data-claimant') === s.claimant) &&
        words.every(function (w) { return card.getAttribute('data-text').indexOf(w) !== -1; });
      card.hidden = !match;
      if (match) count++;
    });
    shown.textContent = 'Showing ' + count + ' of ' + cards.length + ' claims';
    save(s);
  }

  function save(s) {
    var params = new URLSearchParams();
    keys.forEach(function (k) { if (s[k]) params.set(k, s[k]); });
    var query = params.toString();
    try {
      history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
    } catch (e) {
      // A browser may refuse to rewrite a file: URL; the filters still work, unsaved.
    }
  }

  function load() {
    var params = new URLSearchParams(location.search);
    keys.forEach(function (k) {
      var value = params.get(k);
      if (value !== null) fields[k].value = value;
    });
  }

  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var card = id ? document.getElementById(id) : null;
    cards.forEach(function (c) { c.classList.remove('target'); });
    if (!card || !card.classList.contains('card')) return;
    if (card.hidden) {
      keys.forEach(function (k) { fields[k].value = ''; });
      apply();
    }
    card.classList.add('target');
    card.scrollIntoView({ block: 'start' });
    card.focus({ preventScroll: true });
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  fields.q.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { fields.q.value = ''; apply(); }
  });
  window.addEventListener('hashchange', showTarget);
  load();
  apply();
  showTarget();
})();
`;
