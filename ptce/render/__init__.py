"""Records to pages and files: Markdown pages, maps, calendars, feeds, open data, schemas, downloads."""
