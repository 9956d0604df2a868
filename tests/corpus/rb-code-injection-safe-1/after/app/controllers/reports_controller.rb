class ReportsController < ApplicationController

  EXPORTERS = { "csv" => CsvExporter, "pdf" => PdfExporter }.freeze

  def export
    exporter = EXPORTERS.fetch(params[:format], CsvExporter)
    send_data exporter.new(Report.all).render
  end
end
