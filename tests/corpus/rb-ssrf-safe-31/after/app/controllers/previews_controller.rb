class PreviewsController < ApplicationController
  def create
    uri = URI.parse("https://previews.example.com/api/v1/items")
    body = Net::HTTP.get(uri)
    render plain: body.truncate(params[:length].to_i)
  end
end
