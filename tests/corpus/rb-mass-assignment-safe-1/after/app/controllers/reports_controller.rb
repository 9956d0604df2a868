class ReportsController < ApplicationController

  def create
    Report.create!(params.require(:report).permit(:title, :summary))
  end
end
