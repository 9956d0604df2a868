function is_ip_internal(ip) {
    if (!ipaddr.isValid(ip))
        return false;
    const parsed = ipaddr.parse(ip);
    if (parsed.kind() === "ipv4") {
        return parsed.range() !== "unicast";
    }
    if (parsed.kind() === "ipv6") {
        const range = parsed.range();
        return (range === "loopback" ||
            range === "linkLocal" ||
            range === "uniqueLocal");
    }
    return false;
}

async function is_url_safe(url) {
    try {
        let u = normalize_unicode(url);
        u = replace_backslash_with_slash_in_string(u);
        u = replace_two_slashes_url_to_normal_url(u);
        u = remove_at_symbol_in_string(u);
        const schema = normalize_schema(u);
        if (!is_proto_safe(schema))
            return false;
        const parsed = new URL(u);
        const hostname = parsed.hostname;
        // IPv4 validation
        if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) {
            try {
                normalize_ipv4(hostname);
            }
            catch {
                return false;
            }
        }
        if (is_ipv6(hostname)) {
            if (is_ip_internal(hostname))
                return false;
        }
        if (await is_hostname_resolve_to_internal_ip(hostname))
            return false;
        if (process.env.DSSRF_CHECK_REDIRECTS === "1") {
            const redirectSafe = await is_redirect_safe(u);
            if (!redirectSafe)
                return false;
        }
        return true;
    }
    catch {
        return false;
    }
}

async function is_url_safe_debug(url) { try {
    console.log("STEP 1 input:", url);
    let u = normalize_unicode(url);
    console.log("STEP 2 unicode:", u);
    u = replace_backslash_with_slash_in_string(u);
    console.log("STEP 3 slashes:", u);
    u = replace_two_slashes_url_to_normal_url(u);
    console.log("STEP 4 normalize slashes:", u);
    u = remove_at_symbol_in_string(u);
    console.log("STEP 5 remove @:", u);
    const schema = normalize_schema(u);
    if (!is_proto_safe(schema))
        return false;
    console.log("STEP 6 schema:", schema);
    if (!is_proto_safe(u)) {
        console.log("STEP 7 proto unsafe");
        return false;
    }
    console.log("STEP 7 proto safe");
    const parsed = new URL(u);
    const hostname = parsed.hostname;
    console.log("STEP 8 hostname:", hostname);
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) {
        try {
            normalize_ipv4(hostname);
        }
        catch {
            console.log("STEP 9 ipv4 invalid");
            return false;
        }
    }
    if (is_ipv6(hostname)) {
        if (is_ip_internal(hostname)) {
            console.log("STEP 10 ipv6 internal");
            return false;
        }
    }
    const isInternal = await is_hostname_resolve_to_internal_ip(hostname);
    console.log("STEP 11 internal?", isInternal);
    if (isInternal) {
        return false;
    }
    const redirectSafe = await is_redirect_safe(u);
    console.log("STEP 12 redirect safe?", redirectSafe);
    if (!redirectSafe) {
        return false;
    }
    console.log("STEP 13 final: true");
    return true;
}
catch (e) {
    console.log("ERROR:", e);
    return false;
} }
