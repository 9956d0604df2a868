module Etag
  def self.match?(list, etag)
    list.to_s.split(/\s*,\s*/).include?(etag)
  end
end
