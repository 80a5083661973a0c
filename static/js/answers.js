// Answering in place. A question's form on the document page is sent with
// fetch; the server answers with the question's own page (its confirmation, or
// 422 with the errors) and that page's answer form replaces this one. Without
// JavaScript the form posts and the document reloads at the question.

// renameIds moves a fragment's ids, and every reference to them, from one
// prefix to another: the question's page uses "answer-", the document "q-{key}-".
function renameIds(root, from, to) {
  const fix = (value) =>
    value
      .split(/\s+/)
      .map((id) => (id.startsWith(from) ? to + id.slice(from.length) : id))
      .join(" ");
  const all = [root, ...root.querySelectorAll("*")];
  for (const el of all) {
    for (const attr of ["id", "for", "aria-describedby", "aria-labelledby", "aria-controls"]) {
      if (el.hasAttribute(attr)) el.setAttribute(attr, fix(el.getAttribute(attr)));
    }
  }
}

async function startComponents(scope) {
  const script = document.querySelector('script[type="module"][src*="govuk-frontend"]');
  if (!script || !document.body.classList.contains("govuk-frontend-supported")) return;
  const govuk = await import(script.src);
  govuk.initAll({ scope });
}

// replaceForm puts the answer form of a fetched question page in place of box.
function replaceForm(box, html, key) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const next = doc.getElementById("answer-form");
  if (!next) throw new Error("no answer form in the response");
  const fresh = document.importNode(next, true);
  renameIds(fresh, "answer-", "q-" + key + "-");
  const form = fresh.querySelector("form.pc-answer-form");
  if (form && !form.querySelector('input[name="from"]')) {
    const from = document.createElement("input");
    from.type = "hidden";
    from.name = "from";
    from.value = "document";
    form.append(from);
  }
  box.replaceWith(fresh);
  startComponents(fresh).catch(() => {});
  const problem = fresh.querySelector(".govuk-form-group--error input, .govuk-form-group--error textarea");
  const saved = fresh.querySelector(".pc-answer-saved");
  if (problem) problem.focus();
  else if (saved) {
    saved.setAttribute("tabindex", "-1");
    saved.focus();
  }
}

async function submitAnswer(event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('form.pc-answer-form[method="post"]')) return;
  const box = form.closest(".pc-question");
  const key = form.dataset.questionKey;
  if (!box || !key || !box.closest(".pc-document")) return; // the question's own page posts as usual
  event.preventDefault();
  const button = form.querySelector('button[type="submit"]');
  if (button) button.disabled = true;
  const data = new URLSearchParams(new FormData(form));
  data.delete("from"); // answered with the question's own page, not the whole document
  try {
    const resp = await fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "text/html", "X-CSRF-Token": data.get("_csrf") || "" },
    });
    if (!resp.ok && resp.status !== 422) throw new Error("status " + resp.status);
    replaceForm(box, await resp.text(), key);
  } catch (err) {
    console.error("pilcrow: answering in place", err);
    if (button) button.disabled = false;
    form.submit(); // an answer replaces the last one, so sending it again is safe
  }
}

document.addEventListener("submit", (event) => {
  submitAnswer(event);
});
