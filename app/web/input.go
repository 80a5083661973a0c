package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// errMalformed is a request whose path, query or form field names cannot be text.
var errMalformed = echo.NewHTTPError(http.StatusBadRequest, "malformed request")

// rejectMalformed refuses, with 400 and before any handler runs, a request that
// no page of Pilcrow produces: a path, query string or form field name holding
// invalid UTF-8 or a NUL (PostgreSQL refuses both in text, so they would turn
// into a 500 deep in a query), a broken percent-encoding, or a form body that
// does not parse. Checking here means no handler can forget. Form values are
// left to each form, which answers bad text with its own message (422).
func rejectMalformed(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if !cleanText(r.URL.Path) {
			return errMalformed
		}
		if r.URL.RawQuery != "" {
			q, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil || !cleanNames(q, true) {
				return errMalformed
			}
		}
		if hasFormBody(r) {
			form, err := c.FormParams()
			if err != nil {
				var he *echo.HTTPError
				if errors.As(err, &he) {
					return he // the body limit's 413
				}
				return errMalformed
			}
			if !cleanNames(form, false) {
				return errMalformed
			}
		}
		return next(c)
	}
}

// hasFormBody reports whether the request carries a form that handlers will read.
func hasFormBody(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	return strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data")
}

// cleanNames reports whether every name, and every value too when asked, is
// clean text.
func cleanNames(v url.Values, values bool) bool {
	for k, vs := range v {
		if !cleanText(k) {
			return false
		}
		for _, s := range vs {
			if values && !cleanText(s) {
				return false
			}
		}
	}
	return true
}

// cleanText is valid UTF-8 without NUL.
func cleanText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}
