class DownloadsController < ApplicationController
  def show
    send_file Rails.root.join("exports", params[:name]).to_s
  end
end
