// The column step: choosing what a column holds shows the reading with that choice at once
// (the "Show the reading" button does the same without scripts).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("role-import-columns");
  if (!form) return;
  form.querySelectorAll("select").forEach((select) => {
    select.addEventListener("change", () => {
      form.querySelector("button[value=preview]").click();
    });
  });
});
