package auth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// clientAssertionType is RFC 7523's name for a client authenticating with a signed JWT.
const clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// loadSigningKey reads a PEM private key (PKCS#8, PKCS#1 or SEC 1) and picks its
// algorithm: RS256 for RSA, ES256 for P-256.
func loadSigningKey(path string) (crypto.Signer, jose.SignatureAlgorithm, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, "", errors.New("no PEM block found")
	}
	var key any
	if key, err = x509.ParsePKCS8PrivateKey(block.Bytes); err != nil {
		if key, err = x509.ParsePKCS1PrivateKey(block.Bytes); err != nil {
			if key, err = x509.ParseECPrivateKey(block.Bytes); err != nil {
				return nil, "", errors.New("not a PKCS#8, PKCS#1 or EC private key")
			}
		}
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 2048 {
			return nil, "", errors.New("RSA key shorter than 2048 bits")
		}
		return k, jose.RS256, nil
	case *ecdsa.PrivateKey:
		if k.Curve != elliptic.P256() {
			return nil, "", errors.New("EC key not on P-256")
		}
		return k, jose.ES256, nil
	}
	return nil, "", fmt.Errorf("unsupported key type %T", key)
}

// keyID is the RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key: the
// kid a provider computes for the key registered with it, with nothing to configure.
func keyID(pub crypto.PublicKey) (string, error) {
	tp, err := (&jose.JSONWebKey{Key: pub}).Thumbprint(crypto.SHA256)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(tp), nil
}

// clientAssertion signs the short-lived JWT of RFC 7523 section 2.2 that
// authenticates this client to the token endpoint aud.
func (o *oidcProvider) clientAssertion(aud string) (string, error) {
	// The kid lets a provider that holds several of our keys (during a rotation,
	// say) pick the one to verify with.
	opts := (&jose.SignerOptions{}).WithType("JWT").WithHeader(jose.HeaderKey("kid"), o.kid)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: o.alg, Key: o.key}, opts)
	if err != nil {
		return "", err
	}
	jti, err := randomToken()
	if err != nil {
		return "", err
	}
	now := time.Now().Unix()
	payload, err := json.Marshal(map[string]any{
		"iss": o.clientID, "sub": o.clientID, "aud": aud, "jti": jti,
		"iat": now, "exp": now + 300,
	})
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}
