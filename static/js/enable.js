// Marks the body as script-capable before it renders, as GOV.UK Frontend expects.
// It is a file rather than an inline script because the CSP forbids inline scripts.
// Load it as a classic (blocking) script as the first child of <body>.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
