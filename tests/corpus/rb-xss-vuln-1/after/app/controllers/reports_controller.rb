class ReportsController < ApplicationController

  helper_method :summary_html

  def summary_html(report)
    "<p>#{report.summary}</p>".html_safe
  end
end
