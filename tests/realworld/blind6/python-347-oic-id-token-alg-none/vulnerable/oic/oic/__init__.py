    def _verify_id_token(
        self, id_token, nonce="", acr_values=None, auth_time=0, max_age=0
    ):
        """
        Verify IdToken.

        If the JWT alg Header Parameter uses a MAC based algorithm such as
        HS256, HS384, or HS512, the octets of the UTF-8 representation of the
        client_secret corresponding to the client_id contained in the aud
        (audience) Claim are used as the key to validate the signature. For MAC
        based algorithms, the behavior is unspecified if the aud is
        multi-valued or if an azp value is present that is different than the
        aud value.

        :param id_token: The ID Token tp check
        :param nonce: The nonce specified in the authorization request
        :param acr_values: Asked for acr values
        :param auth_time: An auth_time claim
        :param max_age: Max age of authentication
        """
        if self.provider_info["issuer"] != id_token["iss"]:
            raise OtherError("issuer != iss")

        if self.client_id not in id_token["aud"]:
            raise OtherError("not intended for me")
        if len(id_token["aud"]) > 1:
            if "azp" not in id_token or id_token["azp"] != self.client_id:
                raise OtherError("not intended for me")

        _now = time_util.utc_time_sans_frac()

        if _now > id_token["exp"]:
            raise OtherError("Passed best before date")

        if (
            self.id_token_max_age
            and _now > int(id_token["iat"]) + self.id_token_max_age
        ):
            raise OtherError("I think this ID token is to old")

        if nonce and nonce != id_token["nonce"]:
            raise OtherError("nonce mismatch")

        if acr_values and id_token["acr"] not in acr_values:
            raise OtherError("acr mismatch")

        if max_age and _now > int(id_token["auth_time"] + max_age):
            raise AuthnToOld("To old authentication")

        if auth_time:
            if not claims_match(id_token["auth_time"], {"auth_time": auth_time}):
                raise AuthnToOld("To old authentication")

    def verify_id_token(self, id_token, authn_req):
        kwa = {}
        try:
            kwa["nonce"] = authn_req["nonce"]
        except KeyError:
            pass

        for param in ["acr_values", "max_age"]:
            try:
                kwa[param] = authn_req[param]
            except KeyError:
                pass

        self._verify_id_token(id_token, **kwa)
