class PreviewsController < ApplicationController
  def create
    uri = URI.parse(params[:url])
    body = Net::HTTP.get(uri)
    render plain: body.truncate(200)
  end
end
