"""Polish: the language's data (``*.tsv`` beside this file) and its morphology."""
