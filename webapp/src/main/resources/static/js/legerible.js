// "Loan N random books": submits the form in small steps and shows the progress. Without
// JavaScript the form is posted in one request and the server redirects to the loans list.
(function () {
  'use strict';
  var STEP = 5;

  function start(form, event) {
    event.preventDefault();
    var total = parseInt(form.elements.count.value, 10);
    if (!(total > 0)) {
      return;
    }
    var bar = form.querySelector('progress');
    var status = form.querySelector('[data-progress-status]');
    var button = form.querySelector('button[type=submit]');
    var done = 0;
    var loaned = 0;
    bar.max = total;
    bar.value = 0;
    bar.hidden = false;
    button.disabled = true;

    function show() {
      status.textContent = form.dataset.progressText.replace('{0}', loaned).replace('{1}', total);
    }

    function step() {
      if (done >= total) {
        window.location.assign(form.dataset.done + '?loaned=' + loaned);
        return;
      }
      var chunk = Math.min(STEP, total - done);
      var body = new URLSearchParams(new FormData(form));
      body.set('count', String(chunk));
      fetch(form.action, {
        method: 'POST',
        body: body,
        headers: { 'Accept': 'application/json' },
        credentials: 'same-origin'
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      }).then(function (result) {
        loaned += result.loaned;
        done += chunk;
        bar.value = done;
        show();
        step();
      }).catch(function () {
        status.textContent = form.dataset.failed;
        button.disabled = false;
      });
    }

    show();
    step();
  }

  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function (event) { start(form, event); });
  });
}());
