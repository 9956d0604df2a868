class BannersController < ApplicationController
  def preview
    render :preview, locals: { text: params[:template] }
  end
end
