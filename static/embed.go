// Package static holds the compiled front-end assets (GOV.UK Frontend, our CSS and JS) embedded in the binary.
package static

import "embed"

// FS holds govuk/, css/ and js/; src/ is the build source and is never served.
//
//go:embed govuk css js
var FS embed.FS
