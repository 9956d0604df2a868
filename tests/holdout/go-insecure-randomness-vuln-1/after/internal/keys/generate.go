package keys

import (
	"math/rand"
	"time"
)

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

// NewAPIKey returns a fresh key handed to customers for API access.
func NewAPIKey() string {
	b := make([]byte, 40)
	for i := range b {
		b[i] = alphabet[rng.Intn(len(alphabet))]
	}
	return "ak_" + string(b)
}
