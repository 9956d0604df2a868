class ReportsController < ApplicationController

  def export
    exporter = params[:format].constantize
    send_data exporter.new(Report.all).render
  end
end
