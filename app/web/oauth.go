package web

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/auth"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// authCookie ties a sign-in in progress to the browser that started it, so that
// a callback URL made by someone else (login CSRF) is refused.
const authCookie = "pilcrow_auth"

// signInsPerAddress is how many sign-ins one IP address may start in ten minutes:
// plenty for an office behind one address, few enough to keep auth_states small.
const signInsPerAddress = 300

// beginOAuth sends the browser to the provider with a fresh state, nonce and PKCE
// verifier, all kept server-side in auth_states; goth's cookie store is not used.
func (s *Server) beginOAuth(c echo.Context) error {
	name := c.Param("provider")
	if name == "logout" { // POST /auth/logout shares this path
		c.Response().Header().Set(echo.HeaderAllow, http.MethodPost)
		return echo.ErrMethodNotAllowed
	}
	if !s.Providers.Has(name) {
		return echo.ErrNotFound
	}
	if err := s.limitSignIns(c); err != nil {
		return err
	}
	f, err := auth.NewFlow()
	if err != nil {
		return err
	}
	to, err := s.Providers.AuthURL(c.Request().Context(), name, f)
	if err != nil {
		return s.signInFailed(c, err)
	}
	now := s.Now().UTC()
	st := &model.AuthState{State: f.State, Provider: name, Nonce: f.Nonce, CodeVerifier: f.Verifier,
		Next: auth.SafeNext(c.QueryParam("next")), CreatedAt: now, ExpiresAt: now.Add(auth.StateLifetime)}
	if err := s.Store.SaveAuthState(c.Request().Context(), st); err != nil {
		return err
	}
	c.SetCookie(s.authStateCookie(f.State, int(auth.StateLifetime.Seconds())))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Redirect(http.StatusFound, to)
}

// limitSignIns bounds how many sign-ins one address may start, since each one
// stores a row before anyone is known, and now and then clears out expired rows.
func (s *Server) limitSignIns(c echo.Context) error {
	ctx := c.Request().Context()
	ok, wait, err := s.Store.Hit(ctx, "signin:ip:"+c.RealIP(), 10*time.Minute, signInsPerAddress)
	if err != nil {
		return err
	}
	if !ok {
		return &model.RateLimitError{RetryAfter: wait, Action: "signin"}
	}
	if mrand.IntN(50) == 0 {
		if err := s.Store.DeleteExpired(ctx); err != nil {
			s.Log.Warn("delete expired sessions", "request_id", requestID(c), "error", err)
		}
	}
	return nil
}

// oauthCallback finishes a sign-in: the state must be this browser's and unused,
// the code is exchanged with its PKCE verifier, and the identity verified.
func (s *Server) oauthCallback(c echo.Context) error {
	// The callback URL carries the code: it must not leak to the next site visited.
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	c.Response().Header().Set("Cache-Control", "no-store")
	name := c.Param("provider")
	if !s.Providers.Has(name) {
		return echo.ErrNotFound
	}
	st, err := s.takeAuthState(c, name)
	if err != nil {
		return s.signInFailed(c, err)
	}
	if c.QueryParam("error") != "" {
		return s.signInFailed(c, auth.ErrDenied)
	}
	f := auth.Flow{State: st.State, Nonce: st.Nonce, Verifier: st.CodeVerifier}
	id, err := s.Providers.Exchange(c.Request().Context(), name, c.QueryParam("code"), f)
	if err != nil {
		return s.signInFailed(c, err)
	}
	return s.finishSignIn(c, id, st.Next, auth.Override{})
}

// takeAuthState consumes the sign-in in progress named by the callback's state,
// after checking it is the one this browser started, with this provider.
func (s *Server) takeAuthState(c echo.Context, provider string) (*model.AuthState, error) {
	state := c.QueryParam("state")
	c.SetCookie(s.authStateCookie("", -1))
	ck, err := c.Cookie(s.authStateCookieName())
	if err != nil || state == "" || len(state) > 100 || subtle.ConstantTimeCompare([]byte(ck.Value), []byte(state)) != 1 {
		return nil, auth.ErrState
	}
	st, err := s.Store.TakeAuthState(c.Request().Context(), state)
	if errors.Is(err, model.ErrNotFound) {
		return nil, auth.ErrState
	}
	if err != nil {
		return nil, err
	}
	if st.Provider != provider {
		return nil, auth.ErrState
	}
	return st, nil
}

// finishSignIn is the one way into a session, for OAuth and the development
// sign-in alike: the account rules (which refuse a blocked account), then a
// brand-new session and CSRF token, then back to next.
func (s *Server) finishSignIn(c echo.Context, id store.Identity, next string, o auth.Override) error {
	ctx := c.Request().Context()
	u, err := auth.NewAccounts(s.Store, s.cfg.AdminEmails).SignIn(ctx, id, o)
	if err == nil {
		err = s.Sessions.BeginWith(ctx, c.Response(), c.Request(), u.ID, id.SecondFactor)
	}
	if errors.Is(err, model.ErrBlocked) {
		return s.signInBlocked(c, err)
	} else if err != nil {
		return err
	}
	c.Set(userCtxKey, u) // the event names who signed in
	s.securityEvent(c, slog.LevelInfo, eventSignIn, slog.String("provider", id.Provider))
	s.rotateCSRF(c)
	s.clearBlockedNotice(c)
	if u.Role.Staff() && id.SecondFactor == "" {
		// The staff role waits for a second factor: prove one, or set one up.
		return seeOther(c, secondFactorURL(auth.SafeNext(next)))
	}
	return seeOther(c, auth.SafeNext(next))
}

// signInBlocked tells a blocked person, in plain words, that they cannot sign
// in and whom to ask about it; no session is made.
func (s *Server) signInBlocked(c echo.Context, err error) error {
	s.securityEvent(c, slog.LevelWarn, eventSignInFailed, slog.String("provider", c.Param("provider")), slog.String("reason", "blocked"))
	p := signInErrorPage{Page: s.page(c, "trust.blocked.title")}
	p.Blocked = nil // this page says it all already
	p.Message = p.T("trust.blocked.body", s.cfg.Organisation)
	var be *model.BlockedError
	if errors.As(err, &be) {
		s.setBlockedNotice(c, be.UserID)
		if be.Reason != "" {
			p.Reason = p.T("officials.blocked.why", be.Reason)
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.views.render(c, http.StatusForbidden, "auth/blocked", p)
}

type signInErrorPage struct {
	Page
	Message   string
	Reference string // the request id, which the sign-in failure's log line carries
	Reason    string // why the account was blocked, in the admin's words
}

// signInFailed shows why a sign-in did not complete; the reason logged never
// includes the code, the state or a token.
func (s *Server) signInFailed(c echo.Context, err error) error {
	status, key := http.StatusForbidden, "signin.error.token"
	switch {
	case errors.Is(err, auth.ErrState):
		status, key = http.StatusBadRequest, "signin.error.state"
	case errors.Is(err, auth.ErrDenied):
		key = "signin.error.denied"
	case errors.Is(err, auth.ErrUnavailable):
		status, key = http.StatusServiceUnavailable, "signin.error.unavailable"
	case errors.Is(err, auth.ErrIdentity):
	default:
		return err
	}
	s.securityEvent(c, slog.LevelWarn, eventSignInFailed, slog.String("provider", c.Param("provider")), slog.String("reason", err.Error()))
	p := signInErrorPage{Page: s.page(c, "signin.error.title"), Reference: requestID(c)}
	p.Message = p.T(key)
	return s.views.render(c, status, "auth/error", p)
}

func (s *Server) authStateCookieName() string {
	if s.cfg.Production() {
		return "__Host-" + authCookie
	}
	return authCookie
}

func (s *Server) authStateCookie(value string, maxAge int) *http.Cookie {
	// Lax, not Strict: the provider's redirect back is a cross-site navigation.
	return &http.Cookie{Name: s.authStateCookieName(), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.Production(), SameSite: http.SameSiteLaxMode}
}
