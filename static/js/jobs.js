// A report's progress page, updated in place: every 2 seconds the page fetches
// itself again and copies over the status line and the part below it, until the
// report is ready or has failed. Without JavaScript the page offers a "Check
// again" link instead; there is no automatic reload, which would move a screen
// reader's reading position (WCAG 2.2.1).

const PERIOD_MS = 2000;

function start() {
  const status = document.getElementById("job-status");
  let body = document.getElementById("job-body");
  if (!status || !body || body.dataset.jobWorking !== "true") {
    return;
  }
  const refresh = body.querySelector("[data-job-refresh]");
  if (refresh) {
    refresh.hidden = true; // the page checks by itself now
  }
  const poll = async () => {
    let next;
    try {
      const res = await fetch(window.location.href, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        cache: "no-store",
      });
      if (!res.ok) {
        throw new Error(`status ${res.status}`);
      }
      next = new DOMParser().parseFromString(await res.text(), "text/html");
    } catch (err) {
      console.error("pilcrow: report progress", err);
      window.setTimeout(poll, PERIOD_MS * 2);
      return;
    }
    const nextStatus = next.getElementById("job-status");
    const nextBody = next.getElementById("job-body");
    if (!nextStatus || !nextBody) {
      return;
    }
    // The status line is a live region: change its text only when it changes,
    // so a screen reader announces progress without repeating itself.
    if (status.textContent.trim() !== nextStatus.textContent.trim()) {
      status.textContent = nextStatus.textContent.trim();
    }
    const working = nextBody.dataset.jobWorking === "true";
    const replacement = document.importNode(nextBody, true);
    const hidden = replacement.querySelector("[data-job-refresh]");
    if (working && hidden) {
      hidden.hidden = true;
    }
    body.replaceWith(replacement);
    body = replacement;
    if (working) {
      window.setTimeout(poll, PERIOD_MS);
    }
  };
  window.setTimeout(poll, PERIOD_MS);
}

start();
