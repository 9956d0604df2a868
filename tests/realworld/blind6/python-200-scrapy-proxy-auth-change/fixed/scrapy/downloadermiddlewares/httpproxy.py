    def process_request(self, request, spider):
        creds, proxy_url = None, None
        if 'proxy' in request.meta:
            if request.meta['proxy'] is not None:
                creds, proxy_url = self._get_proxy(request.meta['proxy'], '')
        elif self.proxies:
            parsed = urlparse_cached(request)
            scheme = parsed.scheme
            if (
                (
                    # 'no_proxy' is only supported by http schemes
                    scheme not in ('http', 'https')
                    or not proxy_bypass(parsed.hostname)
                )
                and scheme in self.proxies
            ):
                creds, proxy_url = self.proxies[scheme]

        self._set_proxy_and_creds(request, proxy_url, creds)

    def _set_proxy_and_creds(self, request, proxy_url, creds):
        if proxy_url:
            request.meta['proxy'] = proxy_url
        elif request.meta.get('proxy') is not None:
            request.meta['proxy'] = None
        if creds:
            request.headers[b'Proxy-Authorization'] = b'Basic ' + creds
            request.meta['_auth_proxy'] = proxy_url
        elif '_auth_proxy' in request.meta:
            if proxy_url != request.meta['_auth_proxy']:
                if b'Proxy-Authorization' in request.headers:
                    del request.headers[b'Proxy-Authorization']
                del request.meta['_auth_proxy']
        elif b'Proxy-Authorization' in request.headers:
            del request.headers[b'Proxy-Authorization']
