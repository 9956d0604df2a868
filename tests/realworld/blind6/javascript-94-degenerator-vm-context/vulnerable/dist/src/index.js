    function compile(code, returnName, names, options = {}) {
        const output = supports_async_1.default ? 'async' : 'generator';
        const compiled = degenerator(code, names, Object.assign(Object.assign({}, options), { output }));
        const fn = vm_1.runInNewContext(`${compiled};${returnName}`, options.sandbox, options);
        if (typeof fn !== 'function') {
            throw new Error(`Expected a "function" to be returned for \`${returnName}\`, but got "${typeof fn}"`);
        }
        if (isAsyncFunction(fn)) {
            return fn;
        }
        else {
            const rtn = generator_to_promise_1.default(fn);
            Object.defineProperty(rtn, 'toString', {
                value: fn.toString.bind(fn),
                enumerable: false
            });
            return rtn;
        }
    }
