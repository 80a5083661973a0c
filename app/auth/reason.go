package auth

import (
	"errors"
	"fmt"
	"net/url"

	"golang.org/x/oauth2"
)

// safeReason describes a failure for the logs without anything secret: a token
// endpoint's answer may echo the code, and a failed request's URL may carry an
// access token (goth's Google profile request does), so only their outline is kept.
func safeReason(err error) string {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		return fmt.Sprintf("token endpoint answered %d %s", status, re.ErrorCode)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		host := ""
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
		return fmt.Sprintf("%s %s: %s", ue.Op, host, safeReason(ue.Err))
	}
	return err.Error()
}
