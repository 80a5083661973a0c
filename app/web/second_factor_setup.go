package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/pquerna/otp"

	"pilcrow/app/auth"
	"pilcrow/app/model"
)

type factorsPage struct {
	Page
	Next          string
	Factors       []model.SecondFactor
	HasTOTP       bool
	CodesLeft     int
	Due           bool     // the staff role waits for a second factor
	MayChange     bool     // a factor may be added or removed without proving one first
	Passkeys      bool     // passkeys work at this address
	RecoveryCodes []string // shown once, just made
}

// showFactors lists the account's second factors, with ways to add and remove them.
func (s *Server) showFactors(c echo.Context) error {
	p, err := s.factorsPage(c)
	if err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "secondfactor/manage", p)
}

func (s *Server) factorsPage(c echo.Context) (factorsPage, error) {
	ctx, u := c.Request().Context(), currentUser(c)
	p := factorsPage{Page: s.page(c, "mfa.manage.title"), Next: auth.SafeNext(c.QueryParam("next")), Due: u.SecondFactorDue,
		Passkeys: s.factors.PasskeysOffered()}
	var err error
	if p.Factors, err = s.factors.Factors(ctx, u.ID); err != nil {
		return p, err
	}
	for _, f := range p.Factors {
		p.HasTOTP = p.HasTOTP || f.Kind == model.FactorTOTP
	}
	left, err := s.factors.RecoveryCodesLeft(ctx, u.ID)
	if err != nil {
		return p, err
	}
	p.CodesLeft = int(left)
	p.MayChange, err = s.factors.MayChange(ctx, signedIn(c))
	return p, err
}

type totpPage struct {
	Page
	Next   string
	Secret string       // grouped in fours for reading
	QR     template.URL // a data: URL of the QR code's PNG, which we encode ourselves
	Code   string
}

// showTOTPSetup shows a new TOTP secret as a QR code and as text, with the form
// that confirms it; it works without JavaScript.
func (s *Server) showTOTPSetup(c echo.Context) error {
	p, err := s.totpPage(c, auth.SafeNext(c.QueryParam("next")))
	if err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "secondfactor/totp", p)
}

func (s *Server) totpPage(c echo.Context, next string) (totpPage, error) {
	p := totpPage{Page: s.page(c, "mfa.totp.title"), Next: next}
	setup, err := s.factors.BeginTOTP(c.Request().Context(), signedIn(c))
	if err != nil {
		return p, err
	}
	p.Secret = groupsOfFour(setup.Secret)
	key, err := otp.NewKeyFromURL(setup.URL)
	if err != nil {
		return p, err
	}
	img, err := key.Image(200, 200)
	if err != nil {
		return p, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return p, err
	}
	p.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
	return p, nil
}

// groupsOfFour spaces a secret for reading and typing.
func groupsOfFour(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// confirmTOTP finishes setting up TOTP with a code from the app.
func (s *Server) confirmTOTP(c echo.Context) error {
	next := auth.SafeNext(c.FormValue("next"))
	codes, err := s.factors.ConfirmTOTP(c.Request().Context(), signedIn(c), c.FormValue("code"))
	if errors.Is(err, auth.ErrBadCode) {
		p, perr := s.totpPage(c, next)
		if perr != nil {
			return perr
		}
		p.withErrors(model.FieldErrors{"code": "mfa.error.code"})
		return s.views.render(c, http.StatusUnprocessableEntity, "secondfactor/totp", p)
	} else if err != nil {
		return err
	}
	if err := s.proved(c, model.FactorTOTP); err != nil {
		return err
	}
	return s.showNewCodes(c, codes, next)
}

// showNewCodes shows recovery codes just made, once; without any, it goes on to next.
func (s *Server) showNewCodes(c echo.Context, codes []string, next string) error {
	if len(codes) == 0 {
		return seeOther(c, next)
	}
	p := factorsPage{Page: s.page(c, "mfa.codes.title"), Next: next, RecoveryCodes: codes}
	return s.views.render(c, http.StatusOK, "secondfactor/codes", p)
}

// newRecoveryCodes replaces the account's recovery codes, with a fresh second factor.
func (s *Server) newRecoveryCodes(c echo.Context) error {
	codes, err := s.factors.NewRecoveryCodes(c.Request().Context(), signedIn(c))
	if err != nil {
		return err
	}
	return s.showNewCodes(c, codes, "/account/second-factor")
}

// removeFactor deletes one of the account's factors, with a fresh second factor.
func (s *Server) removeFactor(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	if err := s.factors.Remove(c.Request().Context(), signedIn(c), id); err != nil {
		return err
	}
	return seeOther(c, "/account/second-factor?removed=1")
}
