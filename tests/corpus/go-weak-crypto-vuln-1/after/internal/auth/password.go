package auth

import (
	"crypto/md5"
	"encoding/hex"
)

// HashPassword returns the value stored in users.password_hash.
func HashPassword(password string) string {
	sum := md5.Sum([]byte(password))
	return hex.EncodeToString(sum[:])
}

func CheckPassword(password, stored string) bool {
	return HashPassword(password) == stored
}
