class ReportsController < ApplicationController

  def finish
    redirect_to reports_path(page: params[:page])
  end
end
