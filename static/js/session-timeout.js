/* Idle-timeout warning. The server ends the session after the idle limit whatever this script does; this only
   tells the person before it happens and lets them stay signed in. No inline script: loaded with the CSP nonce. */
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box || !window.fetch) {
    return;
  }
  var idleSeconds = parseInt(box.getAttribute("data-idle-seconds"), 10) || 900;
  var warningSeconds = parseInt(box.getAttribute("data-warning-seconds"), 10) || 120;
  var statusUrl = box.getAttribute("data-status-url");
  var loginUrl = box.getAttribute("data-login-url");
  var remainingText = box.querySelector("[data-session-remaining]");
  var form = box.querySelector("form[data-session-keepalive]");
  var deadline = Date.now() + idleSeconds * 1000;
  var timer = null;
  var ticker = null;

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function describe(seconds) {
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes");
    }
    return seconds + (seconds === 1 ? " second" : " seconds");
  }

  function signedOut() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(loginUrl + "?next=" + encodeURIComponent(next));
  }

  function hide() {
    box.hidden = true;
    if (ticker) {
      window.clearInterval(ticker);
      ticker = null;
    }
  }

  function show() {
    if (!box.hidden) {
      return;
    }
    box.hidden = false;
    // Pin the warning to the bottom of the window (CSSOM, which the CSP allows; no inline style attribute).
    box.style.position = "fixed";
    box.style.left = "1rem";
    box.style.right = "1rem";
    box.style.bottom = "1rem";
    box.style.zIndex = "20";
    box.style.margin = "0";
    remainingText.textContent = describe(secondsLeft());
    ticker = window.setInterval(function () {
      var left = secondsLeft();
      remainingText.textContent = describe(left);
      if (left <= 0) {
        signedOut();
      }
    }, 1000);
    var button = box.querySelector("button");
    if (button) {
      button.focus();
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(0, deadline - warningSeconds * 1000 - Date.now()));
  }

  // Another tab may have kept the session alive: ask the server (this question does not count as activity).
  function check() {
    window
      .fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (status) {
        if (!status.signed_in) {
          signedOut();
          return;
        }
        deadline = Date.now() + status.idle_remaining * 1000;
        if (status.idle_remaining > warningSeconds) {
          hide();
          schedule();
        } else {
          show();
          timer = window.setTimeout(check, Math.max(1000, (status.idle_remaining - 5) * 1000));
        }
      })
      .catch(function () {
        show();
      });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      window
        .fetch(form.action, {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("keepalive failed");
          }
          return response.json();
        })
        .then(function (status) {
          deadline = Date.now() + status.idle_remaining * 1000;
          hide();
          schedule();
        })
        .catch(function () {
          form.submit();
        });
    });
  }

  schedule();
})();
