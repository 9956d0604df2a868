  nameLookup: function(parent, name/* , type*/) {
    if (dangerousPropertyRegex.test(name)) {
      const isEnumerable = [ this.aliasable('container.propertyIsEnumerable'), '.call(', parent, ',', JSON.stringify(name), ')'];
      return ['(', isEnumerable, '?', _actualLookup(), ' : undefined)'];
    }
    return _actualLookup();

    function _actualLookup() {
      if (JavaScriptCompiler.isValidJavaScriptVariableName(name)) {
        return [parent, '.', name];
      } else {
        return [parent, '[', JSON.stringify(name), ']'];
      }
    }
  },
