package web

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/labstack/echo/v4"
)

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// requestID returns the id the RequestID middleware gave this request.
func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}
