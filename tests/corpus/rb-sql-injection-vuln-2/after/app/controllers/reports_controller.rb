class ReportsController < ApplicationController

  def self.for_owner(owner)
    Report.find_by_sql("SELECT * FROM reports WHERE owner = '#{owner}'")
  end
end
