class ReportsController < ApplicationController

  def ping
    system("ping", "-c", "1", params[:host])
    system("ping -c 1 #{Shellwords.escape(params[:host])}")
  end
end
