package vault

import (
	"crypto/cipher"
	"crypto/des"
)

func newBlock(key []byte) (cipher.Block, error) {
	return des.NewCipher(key)
}
