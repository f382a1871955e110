"""After the build: the search index and the link check of the finished site."""
