"""The static site built from an archive: the build (``build``), turn rendering
(``content``), pages (``pages``) and Pagefind search (``search``)."""
