// The column step: choosing what a column holds shows the reading with that choice at once,
// in place (HR keeps their scroll position and focus); the "Show the reading" button does the
// same without scripts, and is what this falls back to if the request fails.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("role-import-columns");
  if (!form) return;
  const preview = form.querySelector("button[value=preview]");
  let latest = 0;
  form.querySelectorAll("select").forEach((select) => {
    select.addEventListener("change", async () => {
      const asked = ++latest;
      const data = new FormData(form);
      data.set("action", "preview");
      try {
        // Not form.action: the form's buttons are named "action", which shadows it.
        const response = await fetch(window.location.href, {
          method: "POST",
          body: data,
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(response.statusText);
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        if (asked !== latest) return; // a later choice's reading is on its way
        document.querySelectorAll("[data-follows-columns]").forEach((region) => {
          const fresh = page.getElementById(region.id);
          if (!fresh) throw new Error(`no ${region.id} in the reading`);
          region.innerHTML = fresh.innerHTML;
        });
      } catch {
        preview.click();
      }
    });
  });
});
