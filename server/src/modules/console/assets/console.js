/*
 * The console's only script: keyboard triage on queue pages, and decisions sent with fetch so the
 * page stays put. Without it every form still posts and the server redirects back (progressive
 * enhancement). Loaded as a file: the Content-Security-Policy allows no inline script.
 *
 * Keys: j/k next/previous item, a approve, r reject with the reason in the field, e edit the
 * reason, n load the next batch once the page is done.
 */
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-item]'));
  var current = -1;

  function open() {
    return items.filter(function (item) {
      return !item.classList.contains('is-done');
    });
  }

  function select(index) {
    if (items.length === 0) return;
    if (current >= 0 && items[current]) items[current].classList.remove('is-current');
    current = Math.max(0, Math.min(items.length - 1, index));
    items[current].classList.add('is-current');
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: 'nearest' });
  }

  /** The next item still waiting after `from`, wrapping round; -1 when none is left. */
  function nextOpen(from, step) {
    for (var i = 1; i <= items.length; i += 1) {
      var index = (from + step * i + items.length * i) % items.length;
      if (!items[index].classList.contains('is-done')) return index;
    }
    return -1;
  }

  function showStatus(item, text, failed) {
    var status = item.querySelector('.item__status');
    if (!status) {
      status = document.createElement('p');
      status.className = 'item__status';
      status.setAttribute('role', 'status');
      item.appendChild(status);
    }
    status.textContent = text;
    status.classList.toggle('is-error', Boolean(failed));
  }

  var DONE_LABELS = {
    published: '已通过',
    approved: '已通过',
    checking: '已通过，图片等待微信检测',
    rejected: '已拒绝',
    resolved: '已处理',
    banned: '已禁言',
    active: '已解除禁言',
  };

  function send(form) {
    var item = form.closest('[data-item]');
    if (form.dataset.busy === '1') return;
    form.dataset.busy = '1';
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrfToken },
      body: body.toString(),
    })
      .then(function (response) {
        return response.json().then(function (json) {
          return { ok: response.ok, json: json };
        });
      })
      .then(function (result) {
        form.dataset.busy = '';
        if (!item) return window.location.reload();
        if (!result.ok) return showStatus(item, result.json.message || '操作失败，请重试', true);
        item.classList.add('is-done');
        item.dataset.outcome = result.json.status;
        showStatus(item, DONE_LABELS[result.json.status] || '已处理');
        var next = nextOpen(items.indexOf(item), 1);
        if (next === -1) {
          var done = document.getElementById('page-done');
          if (done) done.hidden = false;
        } else if (items.indexOf(item) === current) select(next);
      })
      .catch(function () {
        form.dataset.busy = '';
        if (item) showStatus(item, '网络出错，请重试', true);
      });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('decision')) return;
    if (!form.closest('[data-item]')) return;
    event.preventDefault();
    send(form);
  });

  document.addEventListener('click', function (event) {
    var item = event.target instanceof Element ? event.target.closest('[data-item]') : null;
    if (item) select(items.indexOf(item));
  });

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    if (typing) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    var item = items[current];
    var form;
    switch (event.key) {
      case 'j':
        select(current < 0 ? 0 : current + 1);
        break;
      case 'k':
        select(current < 0 ? 0 : current - 1);
        break;
      case 'a':
      case 'r':
        if (!item || item.classList.contains('is-done')) return;
        form = item.querySelector('form[data-key="' + event.key + '"]');
        if (form && form.reportValidity()) send(form);
        break;
      case 'e':
        if (!item) return;
        form = item.querySelector('form[data-key="r"] .reason');
        if (form) {
          event.preventDefault();
          form.focus();
          form.select();
        }
        break;
      case 'n':
        if (items.length > 0 && open().length === 0) window.location.reload();
        break;
      default:
        return;
    }
  });

  if (items.length > 0) {
    document.documentElement.classList.add('has-triage');
    select(0);
  }
})();
