// The manager's assessment form: how many items are still to rate (in the save bar that stays
// in view), a switch to show only those, and a warning before leaving with unsaved changes.
// Without this script the form works the same; only these helps are missing.
(function () {
  "use strict";
  var form = document.querySelector("form.assessment-form");
  if (!form) {
    return;
  }
  var items = Array.prototype.slice.call(form.querySelectorAll(".assessment-item"));
  var count = form.querySelector(".unrated-count");
  var filter = form.querySelector("#only-unrated");
  var changed = false;

  function isRated(item) {
    return item.querySelector(".rating-field input[type=radio]:checked") !== null;
  }

  function update() {
    var unrated = items.filter(function (item) {
      return !isRated(item);
    }).length;
    if (count) {
      count.textContent =
        unrated === 0
          ? "Every item is rated."
          : unrated + " of " + items.length + " item" + (items.length === 1 ? "" : "s") +
            " still to rate";
    }
    // An item just rated stays in view until the switch is turned again, so it does not
    // jump away under the pointer; a category with nothing left to show is hidden whole.
    var onlyUnrated = filter && filter.checked;
    form.querySelectorAll(".assessment-group").forEach(function (group) {
      var shown = group.querySelector(".assessment-item:not([hidden])");
      group.hidden = onlyUnrated && !shown;
    });
  }

  if (filter) {
    filter.closest(".unrated-filter").classList.remove("d-none");
    filter.addEventListener("change", function () {
      items.forEach(function (item) {
        item.hidden = filter.checked && isRated(item);
      });
      update();
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target !== filter) {
      changed = true;
    }
    update();
  });
  form.addEventListener("input", function (event) {
    if (event.target !== filter) {
      changed = true;
    }
  });
  form.addEventListener("submit", function () {
    changed = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (changed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  update();
})();
