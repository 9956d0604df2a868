+function ($) {
  'use strict';

  var Collapse = function (element, options) {
    this.$element = $(element)
    this.options = $.extend({}, Collapse.DEFAULTS, options)
  }

  Collapse.prototype.getParent = function () {
    return $(this.options.parent)
      .find('[data-toggle="collapse"][data-parent="' + this.options.parent + '"]')
  }

  $.fn.collapse = function (option) {
    return this.each(function () {
      $(this).data('bs.collapse', new Collapse(this, option))
    })
  }
}(jQuery);
