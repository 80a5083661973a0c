// Package views holds the HTML templates and the message catalogue, embedded into
// the binary: layouts/ and partials/ are shared, pages/{resource}/ and errors/ are
// one template per page, messages/{lang}/ one JSON file per part of the site.
package views

import "embed"

// FS holds every template and message file.
//
//go:embed layouts partials pages errors messages
var FS embed.FS
