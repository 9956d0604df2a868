class ReportsController < ApplicationController

  def index
    @reports = Report.where("owner = '#{params[:owner]}'")
  end
end
