package partner

import (
	"crypto/tls"
	"net/http"
	"time"
)

type Client struct {
	base string
	http *http.Client
}

func New(base string) *Client {
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{InsecureSkipVerify: true},
		MaxIdleConnsPerHost: 10,
	}
	return &Client{
		base: base,
		http: &http.Client{Transport: tr, Timeout: 15 * time.Second},
	}
}
