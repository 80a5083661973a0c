package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

// A blocked person's sign-in is refused and their sessions end, so they browse
// as anyone else would. The blocked-notice cookie, signed with the session
// secret so no one can forge it, names the blocked account, so every page they
// can still reach tells them they are blocked, why and whom to ask, for as long
// as the account stays blocked: an admin's unblock ends the notice at once.
const (
	blockedCookie    = "pilcrow_blocked"
	blockedCookieAge = 7 * 24 * 60 * 60
	blockedKey       = "blocked_notice" // the request's notice, looked up once
)

// BlockedNotice is what the layout's banner tells a blocked person.
type BlockedNotice struct {
	Reason string // in the admin's words; may be ""
}

// setBlockedNotice remembers, in this browser, which account was refused.
func (s *Server) setBlockedNotice(c echo.Context, userID int64) {
	v := strconv.FormatInt(userID, 10)
	c.SetCookie(&http.Cookie{Name: blockedCookie, Value: v + "." + s.blockedMAC(v), Path: "/", MaxAge: blockedCookieAge,
		HttpOnly: true, Secure: s.cfg.Production(), SameSite: http.SameSiteLaxMode})
}

// clearBlockedNotice forgets the notice once someone signs in successfully,
// or once the account it names is no longer blocked.
func (s *Server) clearBlockedNotice(c echo.Context) {
	if _, err := c.Cookie(blockedCookie); err == nil {
		c.SetCookie(&http.Cookie{Name: blockedCookie, Value: "", Path: "/", MaxAge: -1,
			HttpOnly: true, Secure: s.cfg.Production(), SameSite: http.SameSiteLaxMode})
	}
}

// blockedNotice returns the notice for this request: the signed-in account's own
// block, or that of the account the cookie names while it is still blocked;
// nil for everyone else. The account is looked up once per request.
func (s *Server) blockedNotice(c echo.Context, u *model.User) *BlockedNotice {
	if u.Blocked() {
		return &BlockedNotice{Reason: u.BlockedReason}
	}
	if n, ok := c.Get(blockedKey).(*BlockedNotice); ok {
		return n
	}
	n := s.lookUpBlockedNotice(c)
	c.Set(blockedKey, n)
	return n
}

// lookUpBlockedNotice reads the cookie and, when it is genuine, the account it
// names; a cookie whose account is unblocked or gone is cleared.
func (s *Server) lookUpBlockedNotice(c echo.Context) *BlockedNotice {
	ck, err := c.Cookie(blockedCookie)
	if err != nil {
		return nil
	}
	v, mac, ok := strings.Cut(ck.Value, ".")
	id, err := strconv.ParseInt(v, 10, 64)
	if !ok || err != nil || !hmac.Equal([]byte(mac), []byte(s.blockedMAC(v))) {
		return nil
	}
	acct, err := s.Store.User(c.Request().Context(), id)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return nil // the database is unreachable: no banner now, the cookie kept
	}
	if err != nil || !acct.Blocked() {
		s.clearBlockedNotice(c)
		return nil
	}
	return &BlockedNotice{Reason: acct.BlockedReason}
}

// blockedMAC signs a cookie value. The label differs from the notice's first
// form, which carried the reason itself, so such cookies are no longer read.
func (s *Server) blockedMAC(v string) string {
	mac := hmac.New(sha256.New, s.cfg.SessionSecret)
	mac.Write([]byte("blocked-account:" + v))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
