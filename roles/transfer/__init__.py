"""Role profiles in and out of files: one module per format, the parsed structure they share,
the importer that writes any of them and the exporter that reads roles back out.

Adding a format is adding a module that parses into `parsed.ParsedFile` (and, to export,
writes from roles), then naming it in `importing.parse_file` and `exporting.export_roles`.
"""
