package legacy

import (
	"crypto/tls"
	"net/http"
)

// Client talks to the on-premise device with a self-signed certificate.
func Client() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			MaxIdleConns:    10,
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		},
	}
}
