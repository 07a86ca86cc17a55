// The manager's assessment form: how many items are still to rate (in the save bar that stays
// in view), a switch to show only those, a control per group that rates every item of the
// group at once, and a warning before leaving with unsaved changes.
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
          : unrated + " of " + items.length + " to rate";
    }
    // An item just rated stays in view until the switch is turned again, so it does not
    // jump away under the pointer; a category with nothing left to show is hidden whole.
    var onlyUnrated = filter && filter.checked;
    form.querySelectorAll(".assessment-group").forEach(function (group) {
      var shown = group.querySelector(".assessment-item:not([hidden])");
      group.hidden = onlyUnrated && !shown;
    });
  }

  // "Mark all in Skills as [Met] [Apply]" under each group's heading, offering the choices of
  // the items' own rating buttons. It rates the group's items in view (all of them, or those
  // still to rate while the switch shows only those); a rating can still be changed one by one.
  function groupControl(group, number) {
    var heading = group.querySelector("h2");
    var first = group.querySelector(".assessment-item");
    var choices = first ? first.querySelectorAll(".rating-field input[type=radio]") : [];
    if (!heading || choices.length === 0) {
      return;
    }
    var control = document.createElement("div");
    control.className = "group-rating d-flex flex-wrap align-items-center gap-2 mb-2";
    var label = document.createElement("label");
    label.className = "small";
    label.htmlFor = "group-rating-" + number;
    // Seen as "Mark all as" beside the group's heading; heard as "Mark all in Skills as".
    var groupName = document.createElement("span");
    groupName.className = "visually-hidden";
    groupName.textContent = " in " + heading.textContent.trim();
    label.append("Mark all", groupName, " as");
    var select = document.createElement("select");
    select.className = "form-select form-select-sm w-auto";
    select.id = label.htmlFor;
    choices.forEach(function (radio) {
      var option = document.createElement("option");
      option.value = radio.value;
      // A radio's own label, whether it wraps the radio or names it with for=.
      option.textContent = radio.labels.length ? radio.labels[0].textContent.trim() : radio.value;
      option.selected = radio.value === "met";
      select.appendChild(option);
    });
    var apply = document.createElement("button");
    apply.type = "button";
    apply.className = "btn btn-sm btn-outline-secondary";
    var applyTo = groupName.cloneNode();
    applyTo.textContent = " to " + heading.textContent.trim();
    apply.append("Apply", applyTo);
    var done = document.createElement("span");
    done.className = "small text-success";
    done.setAttribute("aria-live", "polite");
    control.append(label, select, apply, done);
    // Below the group's lead-in, share of time and rule where it has them: they say what to mark.
    (group.querySelector(".group-notes") || heading).after(control);

    apply.addEventListener("click", function () {
      var marked = 0;
      group.querySelectorAll(".assessment-item:not([hidden])").forEach(function (item) {
        var radio = item.querySelector(
          ".rating-field input[type=radio][value='" + select.value + "']"
        );
        if (radio && !radio.checked) {
          radio.checked = true;
          marked += 1;
        }
      });
      if (marked > 0) {
        changed = true;
      }
      done.textContent =
        marked + " item" + (marked === 1 ? "" : "s") + " marked " +
        select.options[select.selectedIndex].textContent;
      update();
    });
  }

  form.querySelectorAll(".assessment-group").forEach(groupControl);

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
