    def _validate_scp(self, value):
        if not isinstance(value, list):
            value = [value]
        if self._test_access:
            if not self._test_path:
                norm_requested_path = '/'
            else:
                norm_requested_path = urltools.normalize_path(self._test_path)
            for scope in value:
                authz, norm_path = self._check_scope(scope)
                if (self._test_authz == authz) and norm_requested_path.startswith(norm_path):
                    return True
            return False
        else:
            for scope in value:
                authz, norm_path = self._check_scope(scope)
                self._token_scopes.add((authz, norm_path))
            return True

    def _validate_scope(self, value):
        if not isinstance(value, str):
            raise InvalidAuthorizationResource("Scope is invalid.  Must be a space separated string")
        if self._test_access:
            if not self._test_path:
                norm_requested_path = '/'
            else:
                norm_requested_path = urltools.normalize_path(self._test_path)
            # Split on spaces
            for scope in value.split(" "):
                authz, norm_path = self._check_scope(scope)
                if (self._test_authz == authz) and norm_requested_path.startswith(norm_path):
                    return True
            return False
        else:
            # Split on spaces
            for scope in value.split(" "):
                authz, norm_path = self._check_scope(scope)
                self._token_scopes.add((authz, norm_path))
            return True
