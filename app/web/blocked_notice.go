package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

// A blocked person's sign-in is refused and their sessions end, so they browse
// as anyone else would. The blocked-notice cookie, signed with the session
// secret so no one can put words in it, carries the admin's reason, so every
// page they can still reach tells them they are blocked, why and whom to ask.
const (
	blockedCookie    = "pilcrow_blocked"
	blockedCookieAge = 7 * 24 * 60 * 60
)

// BlockedNotice is what the layout's banner tells a blocked person.
type BlockedNotice struct {
	Reason string // in the admin's words; may be ""
}

// setBlockedNotice remembers, in this browser, why its person was blocked.
func (s *Server) setBlockedNotice(c echo.Context, reason string) {
	v := base64.RawURLEncoding.EncodeToString([]byte(reason))
	c.SetCookie(&http.Cookie{Name: blockedCookie, Value: v + "." + s.blockedMAC(v), Path: "/", MaxAge: blockedCookieAge,
		HttpOnly: true, Secure: s.cfg.Production(), SameSite: http.SameSiteLaxMode})
}

// clearBlockedNotice forgets the notice once someone signs in successfully.
func (s *Server) clearBlockedNotice(c echo.Context) {
	if _, err := c.Cookie(blockedCookie); err == nil {
		c.SetCookie(&http.Cookie{Name: blockedCookie, Value: "", Path: "/", MaxAge: -1,
			HttpOnly: true, Secure: s.cfg.Production(), SameSite: http.SameSiteLaxMode})
	}
}

// blockedNotice returns the notice for this request: the signed-in account's own
// block, or the cookie's when it is genuine; nil for everyone else.
func (s *Server) blockedNotice(c echo.Context, u *model.User) *BlockedNotice {
	if u.Blocked() {
		return &BlockedNotice{Reason: u.BlockedReason}
	}
	ck, err := c.Cookie(blockedCookie)
	if err != nil {
		return nil
	}
	v, mac, ok := strings.Cut(ck.Value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.blockedMAC(v))) {
		return nil
	}
	reason, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return nil
	}
	return &BlockedNotice{Reason: string(reason)}
}

func (s *Server) blockedMAC(v string) string {
	mac := hmac.New(sha256.New, s.cfg.SessionSecret)
	mac.Write([]byte("blocked:" + v))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
