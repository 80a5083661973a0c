// The document editor keeps a draft on the server while the official types:
// a few seconds after the last keystroke, and when the tab is hidden, the
// text is posted to the draft address. Without JavaScript, Preview and
// Save draft keep it instead. The status line is a polite live region, so a
// screen reader hears "Draft saved" without losing its place.

const DELAY_MS = 3000;

function start() {
  const form = document.querySelector("form[data-autosave]");
  const textarea = form && form.querySelector("#markdown");
  const status = document.getElementById("autosave-status");
  if (!form || !textarea || !status) {
    return;
  }
  let saved = textarea.value;
  let timer = null;
  let busy = false;
  const say = (text) => {
    status.textContent = text;
  };
  const save = async () => {
    timer = null;
    if (busy || textarea.value === saved) {
      return;
    }
    busy = true;
    const text = textarea.value;
    const body = new FormData();
    body.append("_csrf", form.querySelector("input[name=_csrf]").value);
    body.append("markdown", text);
    try {
      const res = await fetch(form.dataset.autosave, { method: "POST", body, credentials: "same-origin" });
      if (res.status === 204) {
        saved = text;
        const at = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        say(status.dataset.saved.replace("%s", at));
      } else if (res.status === 422) {
        say(await res.text());
      } else {
        say(status.dataset.failed);
      }
    } catch {
      say(status.dataset.failed);
    }
    busy = false;
    if (textarea.value !== saved) {
      schedule();
    }
  };
  const schedule = () => {
    if (!timer) {
      timer = setTimeout(save, DELAY_MS);
    }
  };
  textarea.addEventListener("input", schedule);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      save();
    }
  });
}

start();
