class ReportsController < ApplicationController

  def finish
    redirect_to params[:return_to]
  end
end
