package auth

import "os"

const TokenHeader = "X-Auth-Token"
const passwordField = "password_confirmation"

var apiKey = os.Getenv("API_KEY")

type Config struct {
    Password string `json:"password"`
    Token    string `yaml:"token"`
}

func Load() Config {
    return Config{Password: os.Getenv("DB_PASSWORD"), Token: apiKey}
}
