// Package consult holds Pilcrow's rules: when a consultation is open, what a valid
// comment is, how moderation moves a comment along. It knows nothing of HTTP.
package consult

import (
	"log/slog"
	"time"

	"pilcrow/app/store"
)

// Service carries what the rules need; one is built in app.New and shared.
type Service struct {
	Store *store.Store
	Log   *slog.Logger
	Now   func() time.Time
	// FlagThreshold is how many flags send a published comment back to moderation.
	FlagThreshold int
	// Limits are the rate limits on posting and flagging; zero means DefaultLimits.
	Limits Limits
	// ExportLimits bound downloads and report starts; zero means DefaultExportLimits.
	ExportLimits ExportLimits
	// Mail is whether email is configured: only then do changes queue mail.
	Mail bool
	// BaseURL is the site's public address, by which an outcome's absolute
	// links to paragraph pages are recognised.
	BaseURL string
	// paragraphs keeps what every reader of a paragraph's page sees alike.
	paragraphs paragraphCache
	// versionKeys keeps published versions' block keys.
	versionKeys versionKeys
}

// now returns the current instant in UTC, from the injectable clock.
func (s *Service) now() time.Time { return s.Now().UTC() }
