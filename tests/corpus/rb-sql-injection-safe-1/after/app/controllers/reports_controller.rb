class ReportsController < ApplicationController

  def index
    @reports = Report.where("owner = ?", params[:owner])
    @mine = Report.where(owner: params[:owner])
    @recent = Report.where("id > #{params[:since].to_i}")
  end
end
