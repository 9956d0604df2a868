module Etag
  def self.match?(list, etag)
    list.to_s =~ /\A(?:W\/)?"(\w+)*"\z/ && list.to_s.split(',').map(&:strip).include?(etag)
  end
end
