// Names the admin's autocomplete boxes (select2) for screen readers: select2 labels its
// combobox only by the chosen value, so an empty one has no name at all. Each box is named by
// its field's label, or by the field's own aria-label in a table row. And gives the search icon
// of a two-list picker (permissions) the role its aria-label needs to be read. And names each
// formatted-text editor (duties, sections) by its field's label: the box one types in is made
// by the editor's script, away from the label, which names only the hidden textarea.
(function () {
  "use strict";

  function fieldName(select) {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    const text = label ? label.textContent : select.getAttribute("aria-label") || select.name;
    return text.trim().replace(/:$/, "");
  }

  function nameBox(select) {
    const box = select.nextElementSibling;
    const combobox = box && box.querySelector(".select2-selection[role=combobox]");
    if (!combobox || combobox.dataset.named) return;
    const name = document.createElement("span");
    name.id = `${select.id || select.name}-box-name`;
    name.hidden = true;
    name.textContent = fieldName(select);
    box.after(name);
    const rendered = combobox.querySelector(".select2-selection__rendered");
    if (rendered && rendered.id) {
      rendered.setAttribute("aria-labelledby", name.id);
      combobox.setAttribute("aria-labelledby", `${name.id} ${rendered.id}`);
    } else {
      combobox.setAttribute("aria-labelledby", name.id);
    }
    combobox.dataset.named = "true";
  }

  function nameAll(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(nameBox);
  }

  function nameEditor(textarea) {
    const wrapper = textarea.closest(".prose-editor");
    const box = wrapper && wrapper.querySelector("[contenteditable]");
    if (box && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", fieldName(textarea));
  }

  // Sent by each editor once it is built (on the page, and in a row added to a formset).
  document.addEventListener("prose-editor:ready", (event) => nameEditor(event.detail.textarea));

  // The admin's autocomplete.js builds the boxes in jQuery's ready handlers (which jQuery runs
  // in a timeout after DOMContentLoaded) and when a row is added; this runs just after each.
  document.addEventListener("DOMContentLoaded", () => {
    setTimeout(() => nameAll(document), 0);
  });
  // The two-list picker is built by a load handler of a script before this one.
  window.addEventListener("load", () => {
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  });
  document.addEventListener("formset:added", (event) => {
    setTimeout(() => nameAll(event.target), 0);
  });
})();
