class ReportsController < ApplicationController

  def create
    Report.create!(params.require(:report).permit!)
  end
end
