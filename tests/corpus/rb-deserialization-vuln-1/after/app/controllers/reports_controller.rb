class ReportsController < ApplicationController

  def restore
    @prefs = Marshal.load(Base64.decode64(cookies[:prefs]))
  end
end
