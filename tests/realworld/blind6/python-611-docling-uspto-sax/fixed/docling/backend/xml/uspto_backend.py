    def parse(self, patent_content: str) -> DoclingDocument | None:
        try:
            parser = make_parser()
            parser.setFeature(feature_external_ges, False)
            parser.setFeature(feature_external_pes, False)
            parser.forbid_dtd = False
            parser.forbid_entities = False
            parser.forbid_external = False
            parser.setContentHandler(self.handler)
            parser.parse(StringIO(patent_content))
        except SAXParseException as exc_sax:
            _log.error(f"Error in parsing USPTO document (malformed XML): {exc_sax}")
            return None
        except DefusedXmlException as exc_defused:
            _log.error(
                f"Error in parsing USPTO document (security issue detected): {exc_defused}"
            )
            return None
        except Exception as exc:
            _log.error(f"Unexpected error in parsing USPTO document: {exc}")
            return None

        doc = self.handler.doc
        if doc:
            raw_tables = re.findall(self.pattern, patent_content)
            parsed_tables: list[TableData] = []
            _log.debug(f"Found {len(raw_tables)} tables to be parsed with XmlTable.")
            for table in raw_tables:
                table_parser = XmlTable(XML_DECLARATION + "\n" + table)
                try:
                    table_data = table_parser.parse()
                    if table_data:
                        parsed_tables.append(table_data)
                except Exception as exc_table:
                    _log.error(f"Error in parsing USPTO tables: {exc_table}")
            if len(parsed_tables) != len(doc.tables):
                _log.error(
                    f"Number of referenced ({len(doc.tables)}) and parsed "
                    f"({len(parsed_tables)}) tables differ."
                )
            else:
                for idx, item in enumerate(parsed_tables):
                    doc.tables[idx].data = item

        return doc

    @override
    def parse(self, patent_content: str) -> DoclingDocument | None:
        try:
            parser = make_parser()
            parser.setFeature(feature_external_ges, False)
            parser.setFeature(feature_external_pes, False)
            parser.forbid_dtd = False
            parser.forbid_entities = False
            parser.forbid_external = False
            parser.setContentHandler(self.handler)
            parser.parse(StringIO(patent_content))
        except SAXParseException as exc_sax:
            _log.error(f"Error in parsing USPTO document (malformed XML): {exc_sax}")
            return None
        except DefusedXmlException as exc_defused:
            _log.error(
                f"Error in parsing USPTO document (security issue detected): {exc_defused}"
            )
            return None
        except Exception as exc:
            _log.error(f"Unexpected error in parsing USPTO document: {exc}")
            return None

        doc = self.handler.doc
        if doc:
            raw_tables = re.findall(self.pattern, patent_content)
            parsed_tables: list[TableData] = []
            _log.debug(f"Found {len(raw_tables)} tables to be parsed with XmlTable.")
            for table in raw_tables:
                table_parser = XmlTable(XML_DECLARATION + "\n" + table)
                try:
                    table_data = table_parser.parse()
                    if table_data:
                        parsed_tables.append(table_data)
                except Exception as exc_table:
                    _log.error(f"Error in parsing USPTO tables: {exc_table}")
            if len(parsed_tables) != len(doc.tables):
                _log.error(
                    f"Number of referenced ({len(doc.tables)}) and parsed "
                    f"({len(parsed_tables)}) tables differ."
                )
            else:
                for idx, item in enumerate(parsed_tables):
                    doc.tables[idx].data = item

        return doc

    @override
    def parse(self, patent_content: str) -> DoclingDocument | None:
        try:
            parser = make_parser()
            parser.setFeature(feature_external_ges, False)
            parser.setFeature(feature_external_pes, False)
            parser.forbid_dtd = False
            parser.forbid_entities = False
            parser.forbid_external = False
            parser.setContentHandler(self.handler)
            parser.parse(StringIO(patent_content))
        except SAXParseException as exc_sax:
            _log.error(f"Error in parsing USPTO document (malformed XML): {exc_sax}")
            return None
        except DefusedXmlException as exc_defused:
            _log.error(
                f"Error in parsing USPTO document (security issue detected): {exc_defused}"
            )
            return None
        except Exception as exc:
            _log.error(f"Unexpected error in parsing USPTO document: {exc}")
            return None

        doc = self.handler.doc
        if doc:
            raw_tables = re.findall(self.pattern, patent_content)
            parsed_tables: list[TableData] = []
            _log.debug(f"Found {len(raw_tables)} tables to be parsed with XmlTable.")
            for table in raw_tables:
                table_parser = XmlTable(XML_DECLARATION + "\n" + table)
                try:
                    table_data = table_parser.parse()
                    if table_data:
                        parsed_tables.append(table_data)
                except Exception as exc_table:
                    _log.error(f"Error in parsing USPTO tables: {exc_table}")
            if len(parsed_tables) != len(doc.tables):
                _log.error(
                    f"Number of referenced ({len(doc.tables)}) and parsed "
                    f"({len(parsed_tables)}) tables differ."
                )
            else:
                for idx, item in enumerate(parsed_tables):
                    doc.tables[idx].data = item

        return doc
