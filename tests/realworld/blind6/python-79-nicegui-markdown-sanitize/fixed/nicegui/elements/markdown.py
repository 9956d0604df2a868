    def __init__(self,
                 content: str = '', *,
                 extras: list[str] = ['fenced-code-blocks', 'tables'],  # noqa: B006
                 sanitize: Callable[[str], str] | bool = True,
                 ) -> None:
        """Markdown Element

        Renders Markdown onto the page.

        :param content: the Markdown content to be displayed
        :param extras: list of `markdown2 extensions <https://github.com/trentm/python-markdown2/wiki/Extras#implemented-extras>`_ (default: `['fenced-code-blocks', 'tables']`)
        :param sanitize: sanitization mode:
            ``True`` (default) uses client-side sanitization via setHTML or DOMPurify,
            ``False`` disables sanitization (use only with trusted content),
            or pass a callable to apply server-side sanitization
        """
        self._sanitize = sanitize
        self.extras = extras[:]
        super().__init__(content=content)
        self._props['sanitize'] = sanitize is True
        if 'mermaid' in extras:
            self._props['use-mermaid'] = True

        codehilite = self._generate_codehilite_css()
        self._props['resource-name'] = f'codehilite_{hashlib.sha256(codehilite.encode()).hexdigest()[:32]}.css'
        self.add_dynamic_resource(
            self._props['resource-name'],
            lambda: PlainTextResponse(
                codehilite,
                media_type='text/css',
                headers={'Cache-Control': core.app.config.cache_control_directives},
            ),
        )

        self._props.add_rename('resource_name', 'resource-name')  # DEPRECATED: remove in NiceGUI 4.0
        self._props.add_rename('use_mermaid', 'use-mermaid')  # DEPRECATED: remove in NiceGUI 4.0

    def _handle_content_change(self, content: str) -> None:
        html = prepare_content(content, extras=' '.join(self.extras))
        if callable(self._sanitize):
            html = self._sanitize(html)
        if self._props.get('innerHTML') != html:
            self._props['innerHTML'] = html
