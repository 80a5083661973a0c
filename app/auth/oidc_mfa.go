package auth

import (
	"encoding/json"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"

	"pilcrow/app/model"
)

// secondFactor reads the verified ID token's own claim that the person proved
// a second factor at the provider: an amr value among the configured ones, or
// an acr among the configured acr_values. It returns "provider:amr=…" or
// "provider:acr=…" (recorded with the session), or "" when there is none.
func (o *oidcProvider) secondFactor(idt *oidc.IDToken) string {
	var c struct {
		AMR json.RawMessage `json:"amr"`
		ACR string          `json:"acr"`
	}
	if err := idt.Claims(&c); err != nil {
		return ""
	}
	var amr []string
	_ = json.Unmarshal(c.AMR, &amr) // amr is an array of strings; anything else proves nothing
	for _, v := range amr {
		if slices.Contains(o.mfa.AMR, v) {
			return model.FactorProvider + ":amr=" + v
		}
	}
	if c.ACR != "" && slices.Contains(o.mfa.ACRValues, c.ACR) {
		return model.FactorProvider + ":acr=" + c.ACR
	}
	return ""
}
