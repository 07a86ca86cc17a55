/* A level's admin page: rows that HR puts in order (a level's groups, a group's items), for
   every way of working. django-nested-admin drags them with the mouse and numbers the rows'
   hidden order fields as they stand when the form is sent; this adds:
   - touch: a finger on a drag handle is passed on as the mouse events it stands for, since the
     dragging listens to the mouse only;
   - keyboard: Move up and Move down buttons on each row;
   - screen readers: a status line that says where a row went. */
"use strict";

(function () {
  const HANDLE = ".djn-drag-handler";
  const ROW = ".djn-inline-form";

  function isRow(element) {
    return element.matches(ROW) && !element.matches(".djn-empty-form") && !/-empty$/.test(element.id);
  }

  function rowsBeside(row) {
    return Array.from(row.parentElement.children).filter(isRow);
  }

  function rowName(row) {
    for (const field of ["heading", "text"]) {
      const input = document.getElementsByName(`${row.id}-${field}`)[0];
      if (input) {
        const words = input.value.trim();
        return words.length > 60 ? `${words.slice(0, 57)}...` : words || "(no heading)";
      }
    }
    return "The row";
  }

  function say(message) {
    let status = document.getElementById("ordering-status");
    if (!status) {
      status = document.createElement("div");
      status.id = "ordering-status";
      status.className = "ordering-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.append(status);
    }
    status.textContent = message;
  }

  function renumber(row) {
    const nesting = window.DJNesting && window.DJNesting.default;
    if (nesting && nesting.updatePositions) {
      nesting.updatePositions(row.id.replace(/-\d+$/, ""));
    }
  }

  function move(button) {
    const row = button.closest(ROW);
    const rows = rowsBeside(row);
    const from = rows.indexOf(row);
    const to = from + Number(button.dataset.move);
    if (to < 0 || to >= rows.length) {
      say(`${rowName(row)} is already ${to < 0 ? "first" : "last"}.`);
      return;
    }
    if (to < from) {
      rows[to].before(row);
    } else {
      rows[to].after(row);
    }
    renumber(row);
    button.focus(); // moving the row takes focus from it in some browsers
    say(`${rowName(row)} moved to place ${to + 1} of ${rows.length}.`);
  }

  function addButtons(handle) {
    const box = handle.matches("h3") ? handle : handle.parentElement;
    if (box.querySelector(":scope > .ordering-moves")) {
      return;
    }
    const moves = document.createElement("span");
    moves.className = "ordering-moves";
    for (const [step, label, arrow] of [[-1, "Move up", "\u2191"], [1, "Move down", "\u2193"]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ordering-move";
      button.dataset.move = String(step);
      button.title = label;
      button.setAttribute("aria-label", label);
      button.textContent = arrow;
      moves.append(button);
    }
    box.append(moves);
  }

  // Touch to mouse: the drag starts only on a handle, and the page does not scroll under it.
  let dragging = false;

  function asMouse(touchEvent, type) {
    const touch = touchEvent.changedTouches[0];
    const mouse = new MouseEvent(type, {
      bubbles: true,
      cancelable: true,
      view: window,
      button: 0,
      buttons: type === "mouseup" ? 0 : 1,
      clientX: touch.clientX,
      clientY: touch.clientY,
      screenX: touch.screenX,
      screenY: touch.screenY,
    });
    touch.target.dispatchEvent(mouse);
  }

  document.addEventListener(
    "touchstart",
    (event) => {
      const onHandle = event.target.closest(HANDLE);
      if (!onHandle || event.touches.length > 1 || event.target.closest("button, input, label, a")) {
        return;
      }
      dragging = true;
      event.preventDefault(); // no scrolling, and no mouse events of the browser's own
      asMouse(event, "mousedown");
    },
    { passive: false },
  );
  document.addEventListener(
    "touchmove",
    (event) => {
      if (dragging) {
        event.preventDefault();
        asMouse(event, "mousemove");
      }
    },
    { passive: false },
  );
  for (const type of ["touchend", "touchcancel"]) {
    document.addEventListener(type, (event) => {
      if (dragging) {
        dragging = false;
        asMouse(event, "mouseup");
      }
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".ordering-move");
    if (button) {
      event.preventDefault();
      move(button);
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    // The empty forms too: rows added on the page are copies of them, buttons and all.
    document.querySelectorAll(`${ROW} ${HANDLE}`).forEach(addButtons);
  });
})();
