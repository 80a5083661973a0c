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
