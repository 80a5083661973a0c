package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"

	"pilcrow/app/i18n"
	"pilcrow/app/model"
)

// langCookie remembers the reader's choice of language. It holds nothing secret,
// so scripts may read it; Lax keeps it off cross-site form posts.
const (
	langCookie    = "lang"
	langCtxKey    = "lang"
	langCookieAge = 365 * 24 * 60 * 60 // a year, in seconds
)

// language decides the interface language of each request: ?lang= on any address
// (remembered in the lang cookie), else that cookie, else Accept-Language, among
// the languages PILCROW_LANGUAGES enables; English otherwise.
func (s *Server) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/static/") {
			return next(c)
		}
		if len(s.cfg.Languages) > 1 {
			// Pages differ by language: a shared cache must keep one per choice.
			c.Response().Header().Add("Vary", "Cookie, Accept-Language")
		}
		lang := ""
		if q := c.QueryParam("lang"); q != "" && s.enabled(q) {
			lang = q
			if ck, err := c.Cookie(langCookie); err != nil || ck.Value != q {
				c.SetCookie(&http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: langCookieAge,
					Secure: s.cfg.Production(), SameSite: http.SameSiteLaxMode})
			}
		} else if ck, err := c.Cookie(langCookie); err == nil && s.enabled(ck.Value) {
			lang = ck.Value
		} else {
			lang = s.acceptLanguage(c.Request().Header.Get("Accept-Language"))
		}
		c.Set(langCtxKey, lang)
		return next(c)
	}
}

// enabled reports whether lang is one of the configured interface languages.
func (s *Server) enabled(lang string) bool { return slices.Contains(s.cfg.Languages, lang) }

// acceptLanguage picks the first enabled language in the header's preference order
// ("cy-GB" counts as cy), or English.
func (s *Server) acceptLanguage(header string) string {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil {
		return i18n.Default
	}
	for _, t := range tags { // already sorted by quality
		base, _ := t.Base()
		if s.enabled(base.String()) {
			return base.String()
		}
	}
	return i18n.Default
}

// langOf is the request's interface language.
func langOf(c echo.Context) string {
	if l, ok := c.Get(langCtxKey).(string); ok && l != "" {
		return l
	}
	return i18n.Default
}

// LanguageLink is one entry of the header's language switcher.
type LanguageLink struct {
	Lang, Name, URL string
	Current         bool
}

// languageLinks builds the switcher: every enabled language, each linking to this
// page with ?lang= set and the rest of the query kept.
func (s *Server) languageLinks(c echo.Context, current string) []LanguageLink {
	if len(s.cfg.Languages) < 2 {
		return nil
	}
	u := *c.Request().URL
	if m := c.Request().Method; m != http.MethodGet && m != http.MethodHead {
		// A form sent with errors: switching must not re-send it, so the links
		// go back to the page the form was on.
		u = url.URL{Path: "/"}
		if ref, err := url.Parse(c.Request().Referer()); err == nil && ref.Host == c.Request().Host && ref.Path != "" {
			u = url.URL{Path: ref.Path, RawQuery: ref.RawQuery}
		}
	}
	var links []LanguageLink
	for _, l := range s.cfg.Languages {
		q, _ := url.ParseQuery(u.RawQuery)
		q.Set("lang", l)
		links = append(links, LanguageLink{Lang: l, Name: s.Catalogue.T(l, "language.name"),
			URL: (&url.URL{Path: u.Path, RawQuery: q.Encode()}).String(), Current: l == current})
	}
	return links
}

// Local picks the Welsh text on a Welsh page when there is one, else the English.
func (p Page) Local(en, cy string) string {
	text, _ := model.Localised(p.Lang, en, cy)
	return text
}

// LocalAttr is the lang attribute for what Local picks: empty when it is in the
// page's language, lang="en" when a Welsh page falls back to English.
func (p Page) LocalAttr(en, cy string) template.HTMLAttr {
	_, in := model.Localised(p.Lang, en, cy)
	return p.LangAttr(in)
}

// LangAttr marks text written in lang when that is not the page's language, so
// screen readers pronounce it right. Only two-letter codes are let through.
func (p Page) LangAttr(lang string) template.HTMLAttr {
	if lang == "" || lang == p.Lang || len(lang) != 2 || !isLower(lang) {
		return ""
	}
	return template.HTMLAttr(`lang="` + lang + `"`)
}

func isLower(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
