require "net/http"

def read_remote_file(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  http.verify_mode = OpenSSL::SSL::VERIFY_NONE
  http.request(Net::HTTP::Get.new(uri.request_uri)).body
end
