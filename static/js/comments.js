/* Comment form: a character counter, and Google's reCAPTCHA loaded only when the
   reader starts a comment; the token is asked for at submit time (it expires after
   two minutes). Without JavaScript the form still posts and the server explains. */
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
      output.textContent = template.replace("%(count)s", count.toLocaleString("fr-FR"));
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

  form.addEventListener("focusin", loadScript, { once: true });
  form.addEventListener("keydown", loadScript, { once: true });

  var submitting = false;
  form.addEventListener("submit", function (event) {
    if (devMode || submitting) return;
    event.preventDefault();
    submitting = true;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var sent = false;
    var send = function (token) {
      if (sent) return;
      sent = true;
      captcha.value = token || "";
      // Without a token the server shows the form again with the text kept.
      form.submit();
    };
    // Never leave a reader stuck if Google does not answer.
    window.setTimeout(function () { send(""); }, 10000);
    whenLoaded(function () {
      if (scriptState !== "ready" || !window.grecaptcha) return send("");
      window.grecaptcha.ready(function () {
        window.grecaptcha.execute(siteKey, { action: action }).then(send, function () { send(""); });
      });
    });
  });
})();
