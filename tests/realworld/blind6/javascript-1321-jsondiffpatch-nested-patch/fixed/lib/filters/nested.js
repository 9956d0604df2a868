export const patchFilter = function nestedPatchFilter(context) {
    if (!context.nested) {
        return;
    }
    const nestedDelta = context.delta;
    if (nestedDelta._t) {
        return;
    }
    const objectDelta = nestedDelta;
    let childrenPushed = false;
    for (const name in objectDelta) {
        if (UNSAFE_KEYS.has(name))
            continue;
        if (!Object.prototype.hasOwnProperty.call(objectDelta, name))
            continue;
        const left = context.left;
        // Only read own properties from left to avoid traversing inherited
        // properties (e.g. constructor.prototype → Object.prototype)
        const leftValue = left !== null &&
            typeof left === "object" &&
            Object.prototype.hasOwnProperty.call(left, name)
            ? left[name]
            : undefined;
        const child = new PatchContext(leftValue, objectDelta[name]);
        context.push(child, name);
        childrenPushed = true;
    }
    if (!childrenPushed) {
        // All delta keys were unsafe or filtered out — return left unchanged.
        context.setResult(context.left).exit();
        return;
    }
    context.exit();
};

export const collectChildrenPatchFilter = function collectChildrenPatchFilter(context) {
    if (!context || !context.children) {
        return;
    }
    const deltaWithChildren = context.delta;
    if (deltaWithChildren._t) {
        return;
    }
    // If left is not a real object we cannot patch it — return left as-is.
    if (context.left === null || typeof context.left !== "object") {
        context.setResult(context.left).exit();
        return;
    }
    const object = context.left;
    const length = context.children.length;
    for (let index = 0; index < length; index++) {
        const child = context.children[index];
        if (child === undefined)
            continue;
        const property = child.childName;
        if (UNSAFE_KEYS.has(property))
            continue;
        if (Object.prototype.hasOwnProperty.call(context.left, property) &&
            child.result === undefined) {
            delete object[property];
        }
        else if (object[property] !== child.result) {
            object[property] = child.result;
        }
    }
    context.setResult(object).exit();
};

export const reverseFilter = function nestedReverseFilter(context) {
    if (!context.nested) {
        return;
    }
    const nestedDelta = context.delta;
    if (nestedDelta._t) {
        return;
    }
    const objectDelta = context.delta;
    let childrenPushed = false;
    for (const name in objectDelta) {
        if (UNSAFE_KEYS.has(name))
            continue;
        if (!Object.prototype.hasOwnProperty.call(objectDelta, name))
            continue;
        const child = new ReverseContext(objectDelta[name]);
        context.push(child, name);
        childrenPushed = true;
    }
    if (!childrenPushed) {
        // All delta keys were unsafe — return an empty reversed delta.
        context.setResult({}).exit();
        return;
    }
    context.exit();
};

export const collectChildrenReverseFilter = (context) => {
    if (!context || !context.children) {
        return;
    }
    const deltaWithChildren = context.delta;
    if (deltaWithChildren._t) {
        return;
    }
    const length = context.children.length;
    const delta = {};
    for (let index = 0; index < length; index++) {
        const child = context.children[index];
        if (child === undefined)
            continue;
        const property = child.childName;
        if (UNSAFE_KEYS.has(property))
            continue;
        if (delta[property] !== child.result) {
            delta[property] = child.result;
        }
    }
    context.setResult(delta).exit();
};
