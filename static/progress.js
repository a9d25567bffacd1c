// Progress of a background task, updated in place: polls the task-status API while the API
// says the task runs ("running": true) and then reloads the page, so the report (or the
// interruption and what to do about it) appears.
(function () {
  "use strict";
  var box = document.querySelector("[data-task-status]");
  if (!box || box.dataset.taskFinished === "1") return;
  var bar = box.querySelector("progress");
  var state = box.querySelector("[data-task-field=state_label]");
  var delay = 1000;

  function show(task) {
    box.querySelector("[data-task-field=done]").textContent = task.done;
    box.querySelector("[data-task-field=total]").textContent = task.total;
    bar.max = Math.max(task.total, 1);
    bar.value = task.done;
    if (state && state.className.indexOf("state-" + task.state) === -1) {
      state.className = "state state-" + task.state;
      var key = "state" + task.state.charAt(0).toUpperCase() + task.state.slice(1);
      state.textContent = box.dataset[key] || task.state; // translated labels from the page
    }
  }

  function poll() {
    fetch(box.dataset.taskStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (task) {
        show(task);
        if (!task.running) {
          window.location.reload();
        } else {
          delay = 1000;
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 15000); // the server is busy or unreachable: back off
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
