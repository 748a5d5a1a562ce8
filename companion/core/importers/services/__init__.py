"""One module per service whose history Companion imports; each declares ``IMPORTER = Importer(...)``
(``companion.core.importers.registry``), which finds it by being here."""
