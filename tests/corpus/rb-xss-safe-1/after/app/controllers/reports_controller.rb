class ReportsController < ApplicationController

  helper_method :summary_html

  def summary_html(report)
    sanitize(report.summary).html_safe + "<br>".html_safe
  end
end
