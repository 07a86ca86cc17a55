// Saves each self-rating as it is chosen, so nothing typed elsewhere on the page is lost.
// Without this script the page still works: "Save my ratings" sends every choice at once.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) {
    return;
  }
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  form.addEventListener("change", function (event) {
    var select = event.target;
    if (select.tagName !== "SELECT" || !select.value) {
      return;
    }
    var item = select.closest(".self-rating-item");
    var status = item && item.querySelector(".save-status");
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    body.append(select.name, select.value);
    if (status) {
      status.textContent = "Saving…";
    }
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (status) {
          status.textContent = response.ok ? "Saved" : "Not saved: please use Save my ratings";
          status.classList.toggle("text-danger", !response.ok);
        }
      })
      .catch(function () {
        if (status) {
          status.textContent = "Not saved (no connection): please use Save my ratings";
          status.classList.add("text-danger");
        }
      });
  });
})();
