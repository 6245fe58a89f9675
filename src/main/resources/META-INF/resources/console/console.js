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

  // A page answered to a form that was refused: the address bar gets the form's own page, so that reloading or
  // bookmarking it does not send the form again (the server also redirects a GET of a form-only address there).
  var getUrl = document.querySelector('[data-get-url]');
  if (getUrl && window.history && window.history.replaceState) {
    window.history.replaceState(null, '', getUrl.getAttribute('data-get-url'));
  }

  // Search on a phone: the eleven filters fold away (one tap opens them) unless one is set or wrong, so that the
  // first result is on the first screen. Without this script they stay open.
  var filters = document.getElementById('more-filters');
  if (filters && !filters.hasAttribute('data-keep-open') && window.matchMedia('(max-width: 720px)').matches) {
    filters.open = false;
  }

  // Overview: a chart wider than the screen opens on its newest end, not on the oldest years.
  var chart = document.getElementById('chart-scroll');
  if (chart && chart.scrollWidth > chart.clientWidth) {
    chart.scrollLeft = chart.scrollWidth;
  }

  // Forms that delete or start long work ask first (data-confirm holds the question).
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    });
  });

  // Forms that classify or save: one submission at a time, and say that it is working.
  var busy = { 'paste-form': 'Classifying…', 'review-form': 'Saving…', 'upload-form': 'Uploading…',
    'url-form': 'Fetching…', 'feed-form': 'Subscribing…' };
  Object.keys(busy).forEach(function (id) {
    var form = document.getElementById(id);
    if (!form) {
      return;
    }
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type=submit]');
      if (button) {
        button.disabled = true;
        button.textContent = busy[id];
      }
    });
  });

  // Job page: poll the job every second until it has finished, updating the progress bar and counts; then load
  // the page again so that the server renders the failed items (the page works without this, via its Refresh link).
  var job = document.getElementById('job');
  if (job && (job.dataset.state === 'QUEUED' || job.dataset.state === 'RUNNING')) {
    var labels = { QUEUED: 'Queued', RUNNING: 'Running', DONE: 'Done', FAILED: 'Failed', PARTIAL: 'Partial' };
    var set = function (id, value) {
      var el = document.getElementById(id);
      if (el) {
        el.textContent = String(value);
      }
    };
    var poll = function () {
      fetch(job.dataset.job, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('status ' + response.status);
          }
          return response.json();
        })
        .then(function (j) {
          var finished = j.done + j.failed;
          var bar = document.getElementById('job-progress');
          bar.max = Math.max(j.total, 1);
          bar.value = j.total === 0 ? 1 : finished;
          bar.textContent = (j.total === 0 ? 100 : Math.floor(100 * finished / j.total)) + ' %';
          set('job-finished', finished);
          set('job-total', j.total);
          set('job-done', j.done);
          set('job-failed', j.failed);
          set('job-created', j.createdDocuments);
          var state = document.getElementById('job-state');
          state.textContent = labels[j.state] || j.state;
          state.className = 'state state-' + j.state;
          job.dataset.state = j.state;
          if (j.state === 'QUEUED' || j.state === 'RUNNING') {
            window.setTimeout(poll, 1000);
          } else {
            window.location.replace(window.location.pathname);
          }
        })
        .catch(function () {
          window.setTimeout(poll, 5000); // a hiccup: try again, more slowly
        });
    };
    window.setTimeout(poll, 1000);
  }
})();
