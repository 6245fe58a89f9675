// xborder console: small enhancements; every page works without this script.
(function () {
  'use strict';

  // Document page: a finding in the side list moves the keyboard focus to its passage, not just the view.
  document.querySelectorAll('a.jump[data-passage]').forEach(function (link) {
    link.addEventListener('click', function () {
      var target = document.getElementById(link.getAttribute('data-passage'));
      if (!target) {
        return;
      }
      document.querySelectorAll('.hl.flash').forEach(function (el) { el.classList.remove('flash'); });
      target.classList.add('flash');
      window.setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
    });
  });

  // Forms that classify or save: one submission at a time, and say that it is working.
  ['paste-form', 'review-form'].forEach(function (id) {
    var form = document.getElementById(id);
    if (!form) {
      return;
    }
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type=submit]');
      if (button) {
        button.disabled = true;
        button.textContent = id === 'paste-form' ? 'Classifying…' : 'Saving…';
      }
    });
  });
})();
