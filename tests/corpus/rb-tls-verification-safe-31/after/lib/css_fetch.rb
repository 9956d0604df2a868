require "net/http"

def read_remote_file(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  http.verify_mode = OpenSSL::SSL::VERIFY_PEER
  http.ca_file = "/etc/ssl/certs/internal-ca.pem"
  http.request(Net::HTTP::Get.new(uri.request_uri)).body
end
