// Package web is Pilcrow's HTTP face: the Echo server, its middleware, the site
// map in routes.go, one file of handlers per resource, and rendering.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/auth"
	"pilcrow/app/i18n"
	"pilcrow/app/store"
	"pilcrow/config"
)

// Deps is everything the web layer is built from; app.New fills it once.
type Deps struct {
	Config    *config.Config
	Log       *slog.Logger
	Store     *store.Store
	Sessions  *auth.Sessions
	Providers *auth.Providers
	Catalogue *i18n.Catalogue
	Services  *Services
	Now       func() time.Time
}

// Server is the Echo application with its dependencies.
type Server struct {
	Deps
	cfg    *config.Config
	echo   *echo.Echo
	views  *views
	assets *assets
	pages  *pageCache // the document page's cached parts
	// factors keeps staff's second factors (TOTP, passkeys, recovery codes).
	factors *auth.SecondFactors
	// comments keeps public comments rendered; shared keeps whole anonymous pages.
	comments *commentCache
	shared   *sharedCache
	http     *http.Server

	// queueRows keeps the moderation queue's comments rendered.
	queueRows *queueRowCache
}

// New builds the server, parsing every template and hashing every asset, so that a
// broken template stops start-up rather than a request.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Server{Deps: d, cfg: d.Config, pages: newPageCache(),
		comments: newCommentCache(), shared: newSharedCache(), queueRows: newQueueRowCache()}
	var err error
	if s.assets, err = newAssets(); err != nil {
		return nil, err
	}
	if s.views, err = newViews(s.assets, d.Catalogue, d.Config.TimeZone); err != nil {
		return nil, err
	}
	if s.factors, err = auth.NewSecondFactors(d.Store, d.Sessions, d.Config.ServiceName, d.Config.BaseURL.String(),
		d.Config.SessionSecret, d.Config.PreviousSessionSecrets...); err != nil {
		return nil, err
	}
	s.echo = echo.New()
	s.echo.HideBanner, s.echo.HidePort = true, true
	s.echo.HTTPErrorHandler = s.handleError
	s.echo.IPExtractor = ipExtractor(d.Config.TrustedProxies)
	s.middleware()
	s.routes()
	s.http = &http.Server{
		Addr:              d.Config.Addr,
		Handler:           headAsGet(s.echo),
		ReadHeaderTimeout: 5 * time.Second, // slow-header clients are cut off early
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second, // long downloads extend their own deadline
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(d.Log.Handler(), slog.LevelDebug),
	}
	return s, nil
}

// ipExtractor believes X-Forwarded-For only from PILCROW_TRUSTED_PROXIES. Echo
// trusts loopback, link-local and every private range by default, which would let
// any host on the same private network pick its own address and escape the
// per-address rate limits, so those defaults are switched off.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// Handler returns the HTTP handler, for tests through httptest.
func (s *Server) Handler() http.Handler { return headAsGet(s.echo) }

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.http.Serve(l)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for requests in flight to finish.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.http.Shutdown(ctx)
}
