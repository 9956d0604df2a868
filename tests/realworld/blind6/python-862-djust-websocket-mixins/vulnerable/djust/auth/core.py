def check_view_auth(view_instance, request) -> Optional[str]:
    """Check view-level auth. Returns None if OK, or a redirect URL if denied.

    Called by websocket.py before mount(). Checks in order:
    1. login_required -- is user authenticated?
    2. permission_required -- does user have Django permission(s)?
    3. check_permissions() -- custom hook (if overridden by subclass)

    Args:
        view_instance: The LiveView instance being mounted.
        request: The Django request object.

    Returns:
        None if auth passes, or a login URL string to redirect to.

    Raises:
        PermissionDenied: If user is authenticated but lacks required
            permissions. Matches Django's PermissionRequiredMixin behavior.
    """
    login_required = getattr(view_instance, "login_required", None)
    permission_required = getattr(view_instance, "permission_required", None)
    login_url = getattr(view_instance, "login_url", None) or getattr(
        settings, "LOGIN_URL", "/accounts/login/"
    )

    # 1. Login check
    if login_required:
        user = getattr(request, "user", None)
        if user is None or not getattr(user, "is_authenticated", False):
            logger.info(
                "Auth denied for %s: user not authenticated",
                view_instance.__class__.__name__,
            )
            return login_url

    # 2. Permission check
    if permission_required:
        user = getattr(request, "user", None)
        if user is None:
            return login_url
        perms: tuple = (
            (permission_required,)
            if isinstance(permission_required, str)
            else tuple(permission_required)
        )
        if not user.has_perms(perms):
            logger.info(
                "Auth denied for %s: user lacks permission(s) %s",
                view_instance.__class__.__name__,
                perms,
            )
            # Authenticated but lacking perms → 403 (matches Django's
            # PermissionRequiredMixin). Unauthenticated → redirect to login.
            if getattr(user, "is_authenticated", False):
                raise PermissionDenied(f"User lacks required permission(s): {', '.join(perms)}")
            return login_url

    # 3. Custom hook (only if subclass overrides it)
    if _has_custom_check_permissions(view_instance):
        try:
            result = view_instance.check_permissions(request)
            if result is False:
                logger.info(
                    "Auth denied for %s: check_permissions() returned False",
                    view_instance.__class__.__name__,
                )
                return login_url
        except PermissionDenied:
            logger.info(
                "Auth denied for %s: check_permissions() raised PermissionDenied",
                view_instance.__class__.__name__,
            )
            return login_url

    return None  # Auth passed
