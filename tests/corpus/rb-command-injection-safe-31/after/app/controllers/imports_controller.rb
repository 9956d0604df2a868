class ImportsController < ApplicationController
  def create
    data = File.open(Rails.root.join("db", "seeds.json")).read
    Import.create!(payload: data, note: params[:source])
  end
end
