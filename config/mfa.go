package config

import "strings"

// DefaultMFAClaims are the RFC 8176 amr values that mean the person proved
// more than a password: multi-factor, one-time code, hardware or software key,
// smart card, fingerprint, face, iris, retina or voice.
const DefaultMFAClaims = "mfa,otp,hwk,swk,sc,fpt,face,iris,retina,vbm"

// OIDCMFA says which ID token claims prove a second factor at the OpenID
// Connect provider, so that staff are not asked for Pilcrow's own.
type OIDCMFA struct {
	// ACRValues are requested as acr_values and, returned in acr, count as a
	// second factor (PILCROW_OIDC_ACR_VALUES, space- or comma-separated).
	ACRValues []string
	// AMR are the amr values that count (PILCROW_OIDC_MFA_CLAIMS, comma-separated).
	AMR []string
}

func (r *reader) oidcMFA() OIDCMFA {
	return OIDCMFA{
		ACRValues: r.words("PILCROW_OIDC_ACR_VALUES", ""),
		AMR:       r.words("PILCROW_OIDC_MFA_CLAIMS", DefaultMFAClaims),
	}
}

// words splits a variable on commas and spaces; "none" stands for no words.
func (r *reader) words(name, def string) []string {
	v := r.str(name, def)
	if strings.TrimSpace(v) == "none" {
		return nil
	}
	return strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == ' ' })
}
