// Keeps a background job's progress bar up to date (templates/includes/job_progress.html) and
// reloads the page when the job has finished, so that the page shows its result.
(function () {
  "use strict";
  const box = document.querySelector("[data-job-progress]");
  if (!box) {
    return;
  }
  const bar = box.querySelector("progress");
  const status = box.querySelector("[data-job-status]");
  const stage = box.querySelector("[data-job-stage]");
  const count = box.querySelector("[data-job-count]");
  const everyMs = 1000;

  function show(job) {
    status.textContent = job.status_label;
    stage.textContent = job.stage ? ": " + job.stage : "";
    count.textContent = job.total ? " (" + job.done + " of " + job.total + ")" : "";
    if (job.percent === null) {
      bar.removeAttribute("value");
      bar.textContent = "";
    } else {
      bar.value = job.percent;
      bar.textContent = job.percent + "%";
    }
  }

  function look() {
    fetch(box.dataset.jobProgress, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (job && job.finished) {
          window.location.reload();
          return;
        }
        if (job) {
          show(job);
        }
        window.setTimeout(look, everyMs);
      })
      .catch(function () {
        window.setTimeout(look, everyMs);
      });
  }

  window.setTimeout(look, everyMs);
})();
