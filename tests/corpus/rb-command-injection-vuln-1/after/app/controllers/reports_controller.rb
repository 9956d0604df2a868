class ReportsController < ApplicationController

  def ping
    system("ping -c 1 #{params[:host]}")
  end
end
