export const protocolFromUrl = function(url: string): string {
    const protocol = /^\s*([^\\/#]*?)(?::|&#0*58|&#x0*3a)/i.exec(url);
    return (protocol != null ? protocol[1] : "_relative");
};
