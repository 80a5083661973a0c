// Pilcrow's progressive enhancements, an ES module. Every page works without it;
// each enhancement looks for its elements and does nothing when they are absent.

// initGovukFrontend starts GOV.UK Frontend's components. The page loads
// govuk-frontend.min.js itself at a content-hashed URL and our CSP forbids inline
// scripts, so we import the same URL the page used: the browser shares one
// module instance and fetches it only once.
async function initGovukFrontend() {
  const script = document.querySelector(
    'script[type="module"][src*="govuk-frontend"]',
  );
  if (!script || !document.body.classList.contains("govuk-frontend-supported")) {
    return;
  }
  const govuk = await import(script.src);
  govuk.initAll();
}

initGovukFrontend().catch((err) => {
  // A failed enhancement leaves the page as it works without JavaScript.
  console.error("pilcrow: GOV.UK Frontend did not start", err);
});

// Commenting in place. On the document page, a block's comment link opens a
// region right after the block holding that paragraph's comments and form,
// taken from the paragraph page itself; the form is sent with fetch and the
// server's answer (errors or the confirmation) replaces the region. Without
// JavaScript the link simply leads to the paragraph page, which does the same.

// prefixIds makes the ids of a fetched fragment unique on the document page, and
// every reference to them follow, so labels and error links keep working.
function prefixIds(root, prefix) {
  const ids = new Set([...root.querySelectorAll("[id]")].map((el) => el.id));
  const fix = (value) =>
    value
      .split(/\s+/)
      .map((id) => (ids.has(id) ? prefix + id : id))
      .join(" ");
  for (const el of root.querySelectorAll("[id]")) el.id = prefix + el.id;
  for (const attr of ["for", "aria-describedby", "aria-labelledby", "aria-controls", "data-aria-controls"]) {
    for (const el of root.querySelectorAll(`[${attr}]`)) el.setAttribute(attr, fix(el.getAttribute(attr)));
  }
  for (const a of root.querySelectorAll('a[href^="#"]')) {
    const id = a.getAttribute("href").slice(1);
    if (ids.has(id)) a.setAttribute("href", "#" + prefix + id);
  }
}

// startComponents runs GOV.UK Frontend on the new fragment only: the error
// summary and the success banner move focus to themselves as they start.
async function startComponents(scope) {
  const script = document.querySelector('script[type="module"][src*="govuk-frontend"]');
  if (!script || !document.body.classList.contains("govuk-frontend-supported")) return;
  const govuk = await import(script.src);
  govuk.initAll({ scope });
}

class InPlaceComments {
  constructor(link, block) {
    this.link = link;
    this.block = block;
    this.key = block.dataset.paragraphKey;
    this.region = document.createElement("div");
    this.region.className = "pc-inplace";
    this.region.id = "pc-inplace-" + this.key;
    this.region.setAttribute("role", "region");
    this.region.setAttribute("aria-label", link.textContent.trim());
    this.status = document.createElement("p");
    this.status.className = "govuk-visually-hidden";
    this.status.setAttribute("aria-live", "polite");
    this.body = document.createElement("div");
    this.region.append(this.status, this.body);
    // A list item cannot have a div for a sibling, so the region goes inside it.
    if (block.tagName === "LI") block.append(this.region);
    else block.after(this.region);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", this.region.id);
    this.region.addEventListener("submit", (e) => this.submit(e));
    this.region.addEventListener("click", (e) => this.follow(e));
  }

  // load fetches a paragraph page and shows its comments and form.
  async load(url, focusHeading) {
    this.region.setAttribute("aria-busy", "true");
    try {
      const resp = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!resp.ok) throw new Error("status " + resp.status);
      this.show(await resp.text(), focusHeading);
    } catch (err) {
      window.location.assign(url); // the paragraph page works on its own
    } finally {
      this.region.removeAttribute("aria-busy");
    }
  }

  // show puts the page's banner, comments and form into the region.
  show(html, focusHeading) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const parts = [".govuk-error-summary", ".pc-sent", "#pc-comments", "#pc-respond"]
      .map((sel) => doc.querySelector(sel))
      .filter(Boolean);
    if (!parts.some((p) => p.matches("#pc-respond"))) throw new Error("no comment form in the answer");
    const fragment = document.createElement("div");
    fragment.append(...parts.map((p) => document.importNode(p, true)));
    prefixIds(fragment, this.key + "-");
    for (const h of fragment.querySelectorAll("h2")) h.className = h.className.replace("govuk-heading-m", "govuk-heading-s");
    this.body.replaceChildren(...fragment.childNodes);
    const banner = this.body.querySelector(".pc-sent .govuk-notification-banner__heading");
    this.status.textContent = banner ? banner.textContent : "";
    startComponents(this.body).catch(() => {});
    const errors = this.body.querySelector(".govuk-error-summary");
    const success = this.body.querySelector(".pc-sent");
    if (!errors && !success && focusHeading) {
      const heading = this.body.querySelector("#" + CSS.escape(this.key + "-comments-heading"));
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
  }

  // submit sends the form with fetch; the server answers 422 with the page and
  // its errors, or redirects to the page with the confirmation banner.
  async submit(event) {
    const form = event.target;
    if (!form.matches(".pc-comment-form")) return;
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    const data = new URLSearchParams(new FormData(form));
    try {
      const resp = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "text/html", "X-CSRF-Token": data.get("_csrf") || "" },
      });
      if (resp.ok || resp.status === 422) {
        this.show(await resp.text(), false);
        return;
      }
      // Rate limits and other refusals: show the server's own explanation and
      // keep the form, with what was typed, as it is.
      const doc = new DOMParser().parseFromString(await resp.text(), "text/html");
      const main = doc.querySelector("main p");
      this.status.textContent = main ? main.textContent : String(resp.status);
      this.showProblem(this.status.textContent);
    } catch (err) {
      form.submit(); // fall back to an ordinary submission
    } finally {
      if (button) button.disabled = false;
    }
  }

  showProblem(text) {
    let note = this.region.querySelector(".pc-inplace__problem");
    if (!note) {
      note = document.createElement("p");
      note.className = "govuk-body govuk-error-message pc-inplace__problem";
      note.setAttribute("tabindex", "-1");
      this.body.prepend(note);
    }
    note.textContent = text;
    note.focus();
  }

  // follow keeps reply links (and "write a new comment instead") in place.
  follow(event) {
    const a = event.target.closest("a");
    if (!a || a.origin !== window.location.origin) return;
    if (a.pathname !== new URL(this.link.href).pathname || !a.search.includes("reply=")) return;
    event.preventDefault();
    this.load(a.href, false).then(() => {
      const body = this.body.querySelector("textarea");
      if (body) body.focus();
    });
  }
}

// initInPlaceComments wires every block's comment link on the document page.
function initInPlaceComments() {
  const opened = new Map();
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.pc-block__comments");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    const block = link.closest("[data-paragraph-key]");
    if (!block) return;
    event.preventDefault();
    let inplace = opened.get(block.dataset.paragraphKey);
    if (inplace) {
      const hidden = !inplace.region.hidden;
      inplace.region.hidden = hidden;
      link.setAttribute("aria-expanded", String(!hidden));
      return;
    }
    inplace = new InPlaceComments(link, block);
    opened.set(inplace.key, inplace);
    inplace.load(link.href, true);
  });
}

initInPlaceComments();
