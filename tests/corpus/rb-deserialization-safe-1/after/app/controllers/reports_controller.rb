class ReportsController < ApplicationController

  def restore
    @prefs = JSON.parse(cookies[:prefs])
    @conf = YAML.safe_load(File.read("config/reports.yml"), permitted_classes: [Symbol])
  end
end
