package auth

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/oauth2"
)

// microsoftSubject returns the account key "tid/oid" from the ID token of the
// token response. The token is not signature-checked: it came straight from
// Microsoft's token endpoint over TLS, in exchange for our code and secret,
// which OpenID Connect Core (3.1.3.7, point 6) accepts in place of the
// signature. Its object id must be the one Graph reported for the access token.
func microsoftSubject(tok *oauth2.Token, graphID string) (string, error) {
	raw, _ := tok.Extra("id_token").(string)
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return "", fmt.Errorf("%w: no ID token", ErrIdentity)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", fmt.Errorf("%w: ID token payload", ErrIdentity)
	}
	var c struct {
		TID string `json:"tid"`
		OID string `json:"oid"`
	}
	if err := json.Unmarshal(payload, &c); err != nil || c.TID == "" || c.OID == "" {
		return "", fmt.Errorf("%w: ID token without tid and oid", ErrIdentity)
	}
	if !strings.EqualFold(c.OID, graphID) || strings.Contains(c.TID, "/") {
		return "", fmt.Errorf("%w: ID token object id is not the profile's", ErrIdentity)
	}
	return strings.ToLower(c.TID) + "/" + strings.ToLower(c.OID), nil
}
