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
  var busy = { 'paste-form': 'Classifying…', 'review-form': 'Saving…', 'missed-form': 'Adding…', 'upload-form': 'Uploading…',
    'url-form': 'Fetching…', 'feed-form': 'Subscribing…', 'train-form': 'Starting…',
    'activate-form': 'Checking and activating…', 'force-form': 'Activating…', 'rollback-form': 'Rolling back…' };
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

  // Review queue: keyboard shortcuts, shown on the page. c confirms, r rejects, j/k move to the next/previous finding,
  // m writes a comment (Esc leaves the box), x ticks the current finding for a bulk verdict.
  var queue = document.getElementById('review-queue');
  if (queue) {
    var conflict = document.getElementById('review-conflict');
    if (conflict) {
      conflict.focus();
    }
    document.addEventListener('keydown', function (event) {
      var target = event.target;
      var typing = target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT');
      if (typing) {
        if (event.key === 'Escape') {
          target.blur();
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      var click = function (id) {
        var el = document.getElementById(id);
        if (el) {
          event.preventDefault();
          el.click();
        }
      };
      switch (event.key) {
        case 'c': click('verdict-confirm'); break;
        case 'r': click('verdict-reject'); break;
        case 'j': click('queue-next'); break;
        case 'k': click('queue-previous'); break;
        case 'm': {
          var comment = document.getElementById('comment');
          if (comment) {
            event.preventDefault();
            comment.focus();
          }
          break;
        }
        case 'x': {
          var current = document.getElementById('current-finding');
          var box = current && document.getElementById('select-' + current.dataset.finding);
          if (box) {
            event.preventDefault();
            box.checked = !box.checked;
          }
          break;
        }
        default:
      }
    });
  }

  // Missed finding: the words selected in the passage become the evidence (whole words: a selection that starts or
  // ends inside a word takes the whole word), with where they start.
  var selectable = document.querySelector('.passage.selectable');
  if (selectable) {
    var wordsInput = document.getElementById(selectable.dataset.textInput);
    var startInput = document.getElementById(selectable.dataset.startInput);
    var text = selectable.textContent;
    var offsetIn = function (node, offset) {
      // the passage is one text node; anything else is outside it
      return node === selectable.firstChild ? offset : (node === selectable ? (offset === 0 ? 0 : text.length) : -1);
    };
    var isWord = function (ch) {
      return /[\p{L}\p{N}_'’-]/u.test(ch);
    };
    var take = function () {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
        return;
      }
      var range = selection.getRangeAt(0);
      var start = offsetIn(range.startContainer, range.startOffset);
      var end = offsetIn(range.endContainer, range.endOffset);
      if (start < 0 || end < 0 || end <= start) {
        return;
      }
      var isHan = function (ch) {
        return /\p{Script=Han}/u.test(ch);
      };
      while (start > 0 && isWord(text.charAt(start - 1)) && isWord(text.charAt(start)) && !isHan(text.charAt(start))) {
        start--;
      }
      while (end < text.length && isWord(text.charAt(end)) && isWord(text.charAt(end - 1)) && !isHan(text.charAt(end))) {
        end++;
      }
      while (start < end && /\s/.test(text.charAt(start))) {
        start++;
      }
      while (end > start && /\s/.test(text.charAt(end - 1))) {
        end--;
      }
      if (end > start) {
        wordsInput.value = text.substring(start, end);
        startInput.value = String(start);
      }
    };
    selectable.addEventListener('mouseup', take);
    selectable.addEventListener('keyup', take);
    selectable.addEventListener('touchend', take);
    wordsInput.addEventListener('input', function () {
      startInput.value = '';
    });
  }

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

  // Models: while a model trains, poll its progress every two seconds, updating the bar and the stage; when it has
  // finished, load the page again so that the server shows its comparison (without this script: the Refresh link).
  var training = document.getElementById('model-training');
  if (training && training.dataset.state === 'TRAINING') {
    var show = function (id, value) {
      var el = document.getElementById(id);
      if (el) {
        el.textContent = String(value);
      }
    };
    var pollModel = function () {
      fetch(training.dataset.progress, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('status ' + response.status);
          }
          return response.json();
        })
        .then(function (m) {
          var bar = document.getElementById('model-progress');
          bar.value = m.progress;
          bar.textContent = m.progress + ' %';
          show('model-percent', m.progress);
          show('model-stage', m.stage);
          if (m.state === 'TRAINING') {
            window.setTimeout(pollModel, 2000);
          } else {
            window.location.replace(window.location.pathname);
          }
        })
        .catch(function () {
          window.setTimeout(pollModel, 5000); // a hiccup: try again, more slowly
        });
    };
    window.setTimeout(pollModel, 2000);
  }
})();
