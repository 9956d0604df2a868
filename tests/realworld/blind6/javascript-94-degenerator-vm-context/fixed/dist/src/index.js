    function compile(code, returnName, names, options = {}) {
        const compiled = degenerator(code, names);
        const vm = new vm2_1.VM(options);
        const script = new vm2_1.VMScript(`${compiled};${returnName}`, {
            filename: options.filename,
        });
        const fn = vm.run(script);
        if (typeof fn !== 'function') {
            throw new Error(`Expected a "function" to be returned for \`${returnName}\`, but got "${typeof fn}"`);
        }
        const r = function (...args) {
            var _a;
            try {
                const p = fn.apply(this, args);
                if (typeof ((_a = p) === null || _a === void 0 ? void 0 : _a.then) === 'function') {
                    return p;
                }
                return Promise.resolve(p);
            }
            catch (err) {
                return Promise.reject(err);
            }
        };
        Object.defineProperty(r, 'toString', {
            value: fn.toString.bind(fn),
            enumerable: false,
        });
        return r;
    }
