terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  secret_key = "jGHb6HrlEOS47WgjKCu+0xxKhg5QjWV1mKaUyvBP"
}

variable "grafana_api_token" {
  type    = string
  default = "glsa_j64AX6VM2ewMuBY6rfNcAKEIOUttYpAT_529975dc"
}
