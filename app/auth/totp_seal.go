package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// sealedPrefix marks a TOTP secret kept encrypted. A secret stored before
// encryption is plain base32, which never holds a colon, so the two formats
// cannot be mistaken for one another.
const sealedPrefix = "v1:"

// sealInfo binds the key derived from the session secret to this one use, so
// that the same secret signing cookies never also encrypts TOTP secrets.
const sealInfo = "pilcrow totp secret v1"

// errUnsealable is a stored TOTP secret that no key at hand decrypts: the
// session secret changed and the old one is not among the previous secrets.
var errUnsealable = errors.New("the TOTP secret cannot be decrypted with the session secrets configured")

// totpSealer encrypts TOTP secrets at rest with AES-256-GCM, under a key
// derived from PILCROW_SESSION_SECRET, with the account id as associated
// data so that a sealed secret copied to another account does not open.
type totpSealer struct {
	keys []cipher.AEAD // the current key first, then those of previous secrets
}

// newTOTPSealer derives one key from the current session secret and one from
// each previous secret, which only ever decrypt.
func newTOTPSealer(current []byte, previous ...[]byte) (*totpSealer, error) {
	s := &totpSealer{}
	for _, secret := range append([][]byte{current}, previous...) {
		key, err := hkdf.Key(sha256.New, secret, nil, sealInfo, 32)
		if err != nil {
			return nil, err
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		gcm, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		s.keys = append(s.keys, gcm)
	}
	return s, nil
}

// seal encrypts the account's TOTP secret under the current key.
func (s *totpSealer) seal(userID int64, secret string) (string, error) {
	gcm := s.keys[0]
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := gcm.Seal(nonce, nonce, []byte(secret), sealAD(userID))
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(out), nil
}

// open returns the account's TOTP secret as stored, and whether it should be
// sealed again under the current key: it was plain, from before encryption,
// or sealed under a previous session secret.
func (s *totpSealer) open(userID int64, stored string) (string, bool, error) {
	raw, sealed := strings.CutPrefix(stored, sealedPrefix)
	if !sealed {
		return stored, true, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return "", false, errUnsealable
	}
	for i, gcm := range s.keys {
		n := gcm.NonceSize()
		if len(b) < n {
			break
		}
		if plain, err := gcm.Open(nil, b[:n], b[n:], sealAD(userID)); err == nil {
			return string(plain), i > 0, nil
		}
	}
	return "", false, errUnsealable
}

// sealAD is the associated data of an account's sealed secret.
func sealAD(userID int64) []byte {
	return []byte("user:" + strconv.FormatInt(userID, 10))
}
