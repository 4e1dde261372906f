/* Comment form: a character counter, then, once the reader starts a comment, their
   CSRF token and Google's reCAPTCHA; the reCAPTCHA token is asked for at submit time
   (it expires after two minutes). Without JavaScript the form still posts and the
   server explains, keeping the text. */
(function () {
  "use strict";

  var form = document.querySelector("[data-comment-form]");
  if (!form) return;
  var captcha = form.querySelector("[data-comment-captcha]");
  var siteKey = captcha ? captcha.getAttribute("data-sitekey") : "";
  var action = (captcha && captcha.getAttribute("data-action")) || "comment";
  var devMode = !captcha || captcha.hasAttribute("data-dev-mode") || !siteKey;
  var scriptState = "none"; // none, loading, ready, failed
  var waiting = [];

  // Counter ---------------------------------------------------------------
  var textarea = form.querySelector("textarea[data-counter]");
  var output = form.querySelector("[data-counter-output]");
  if (textarea && output) {
    var max = parseInt(textarea.getAttribute("maxlength"), 10) || 5000;
    var template = output.getAttribute("data-template") || "%(count)s / " + max;
    var update = function () {
      var count = textarea.value.length;
      // Digits grouped like the rest of the page ("1 234" in French, "1,234" in English).
      var locale = document.documentElement.lang || "fr";
      output.textContent = template.replace("%(count)s", count.toLocaleString(locale));
      output.classList.toggle("is-over", count > max);
    };
    output.hidden = false;
    textarea.addEventListener("input", update);
    update();
  }

  // reCAPTCHA -------------------------------------------------------------
  function settle(ok) {
    scriptState = ok ? "ready" : "failed";
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (cb) { cb(); });
  }

  function loadScript() {
    if (devMode || scriptState !== "none") return;
    scriptState = "loading";
    var script = document.createElement("script");
    script.src = "https://www.google.com/recaptcha/api.js?render=" + encodeURIComponent(siteKey);
    script.async = true;
    script.onload = function () { settle(true); };
    script.onerror = function () { settle(false); };
    document.head.appendChild(script);
  }

  function whenLoaded(cb) {
    if (scriptState === "ready" || scriptState === "failed") cb();
    else {
      waiting.push(cb);
      loadScript();
    }
  }

  // CSRF token ------------------------------------------------------------
  // Article pages are cached and shared: the form carries no token of its own and
  // asks for this reader's one (which also sets the CSRF cookie) when they start.
  var csrfInput = form.querySelector("[data-csrf-token]");
  var csrfUrl = form.getAttribute("data-csrf-url");
  var tokenState = csrfInput && csrfUrl && !csrfInput.value ? "none" : "ready";
  var tokenWaiting = [];

  function tokenSettled() {
    tokenState = "ready";
    var callbacks = tokenWaiting;
    tokenWaiting = [];
    callbacks.forEach(function (cb) { cb(); });
  }

  function loadToken() {
    if (tokenState !== "none") return;
    tokenState = "loading";
    fetch(csrfUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) {
        if (data && data.csrfToken) csrfInput.value = data.csrfToken;
      }, function () { /* the server explains, keeping the text */ })
      .then(tokenSettled);
  }

  function whenToken(cb) {
    if (tokenState === "ready") cb();
    else {
      tokenWaiting.push(cb);
      loadToken();
    }
  }

  function start() {
    loadToken();
    loadScript();
  }

  form.addEventListener("focusin", start, { once: true });
  form.addEventListener("keydown", start, { once: true });

  var submitting = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (submitting) return;
    submitting = true;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var sent = false;
    var send = function (token) {
      if (sent) return;
      sent = true;
      if (captcha && !devMode) captcha.value = token || "";
      // Without a token the server shows the form again with the text kept.
      form.submit();
    };
    // Never leave a reader stuck if Google does not answer.
    window.setTimeout(function () { send(""); }, 10000);
    whenToken(function () {
      if (devMode) return send("");
      whenLoaded(function () {
        if (scriptState !== "ready" || !window.grecaptcha) return send("");
        window.grecaptcha.ready(function () {
          window.grecaptcha
            .execute(siteKey, { action: action })
            .then(send, function () { send(""); });
        });
      });
    });
  });
})();
