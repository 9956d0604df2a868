package session

import (
	"encoding/hex"
	"math/rand"
)

// NewSessionToken returns the opaque value stored in the session cookie.
func NewSessionToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
