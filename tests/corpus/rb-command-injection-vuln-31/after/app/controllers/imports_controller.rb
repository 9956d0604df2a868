class ImportsController < ApplicationController
  def create
    data = open(params[:source]).read
    Import.create!(payload: data)
  end
end
