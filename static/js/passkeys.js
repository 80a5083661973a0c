// Passkeys (WebAuthn) for the second-factor pages. A passkey needs the browser's
// navigator.credentials API, so this is the one part of signing in that needs
// JavaScript; without it the pages offer an authenticator app and recovery codes.
//
// A block marked data-passkey="register" or "login" names, in data attributes,
// where to fetch the options (data-options), where to send the answer
// (data-finish, with data-next to return to) and the CSRF token (data-csrf), and
// the messages to show when the browser cannot (data-unsupported) or the
// ceremony fails (data-failed).

const toBytes = (b64url) => {
  const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

const toB64url = (buf) =>
  btoa(String.fromCharCode(...new Uint8Array(buf)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

// creationOptions and requestOptions turn the server's JSON into what
// navigator.credentials wants: byte arrays where the JSON has base64url.
const creationOptions = (o) => ({
  ...o,
  challenge: toBytes(o.challenge),
  user: { ...o.user, id: toBytes(o.user.id) },
  excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) })),
});

const requestOptions = (o) => ({
  ...o,
  challenge: toBytes(o.challenge),
  allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) })),
});

// credentialJSON is the authenticator's answer in the JSON the server reads.
const credentialJSON = (cred) => {
  const r = cred.response;
  const response = { clientDataJSON: toB64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toB64url(r.attestationObject);
    response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    response.authenticatorData = toB64url(r.authenticatorData);
    response.signature = toB64url(r.signature);
    response.userHandle = r.userHandle ? toB64url(r.userHandle) : null;
  }
  return {
    id: cred.id,
    rawId: toB64url(cred.rawId),
    type: cred.type,
    response,
    clientExtensionResults: cred.getClientExtensionResults(),
  };
};

const post = async (url, csrf, body) => {
  const res = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRF-Token": csrf, "Content-Type": "application/json" },
    body: body === undefined ? "" : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(data.error || "");
    err.fromServer = Boolean(data.error);
    throw err;
  }
  return data;
};

// showCodes shows the recovery codes made with a first passkey, once.
const showCodes = (codes, next) => {
  const panel = document.getElementById("passkey-codes");
  const list = document.getElementById("recovery-codes");
  for (const code of codes) {
    const li = document.createElement("li");
    const c = document.createElement("code");
    c.textContent = code;
    li.append(c);
    list.append(li);
  }
  document.getElementById("codes-continue").href = next;
  document.getElementById("factors").hidden = true;
  panel.hidden = false;
  panel.querySelector("h1").focus();
};

const run = async (block) => {
  const { passkey, options, finish, next, csrf } = block.dataset;
  const url = new URL(finish, location.href);
  url.searchParams.set("next", next || "/");
  const opts = await post(options, csrf);
  let cred;
  if (passkey === "register") {
    const name = document.getElementById("passkey-name");
    if (name) url.searchParams.set("name", name.value);
    cred = await navigator.credentials.create({ publicKey: creationOptions(opts.publicKey) });
  } else {
    cred = await navigator.credentials.get({ publicKey: requestOptions(opts.publicKey) });
  }
  const done = await post(url.pathname + url.search, csrf, credentialJSON(cred));
  if (done.codes && done.codes.length) {
    showCodes(done.codes, done.next);
  } else {
    location.assign(done.next);
  }
};

for (const block of document.querySelectorAll("[data-passkey]")) {
  const errorBox = document.getElementById("passkey-error");
  const fail = (message) => {
    errorBox.textContent = message;
    errorBox.hidden = false;
  };
  if (!window.PublicKeyCredential) {
    fail(block.dataset.unsupported);
    continue;
  }
  block.hidden = false;
  block.querySelector("button").addEventListener("click", () => {
    errorBox.hidden = true;
    run(block).catch((e) => fail(e.fromServer ? e.message : block.dataset.failed));
  });
}
