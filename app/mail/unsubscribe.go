package mail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"pilcrow/app/model"
)

// SignUnsubscribe makes the token of a one-click unsubscribe link: the account
// and the kind of mail, signed, so the link works without a session and cannot be
// changed to unsubscribe someone else.
func SignUnsubscribe(secret []byte, userID int64, kind string) string {
	payload := strconv.FormatInt(userID, 10) + "." + kind
	return payload + "." + base64.RawURLEncoding.EncodeToString(unsubscribeMAC(secret, payload))
}

// VerifyUnsubscribe returns the account and kind of a token, or ok=false when
// it was not signed with secret or names no kind of mail.
func VerifyUnsubscribe(secret []byte, token string) (userID int64, kind string, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || !slices.Contains(model.MailKinds, parts[1]) {
		return 0, "", false
	}
	mac, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(mac, unsubscribeMAC(secret, parts[0]+"."+parts[1])) {
		return 0, "", false
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	return id, parts[1], true
}

// unsubscribeMAC keys the signature on a key of its own, derived from the
// session secret, so it can never stand in for another signed value.
func unsubscribeMAC(secret []byte, payload string) []byte {
	k := hmac.New(sha256.New, secret)
	k.Write([]byte("pilcrow mail unsubscribe"))
	m := hmac.New(sha256.New, k.Sum(nil))
	m.Write([]byte(payload))
	return m.Sum(nil)
}
