"""actorgraph core: schema, extraction, resolution, stores, analytics, export.

Nothing here imports `app/`, reads the environment at import time, connects to a server
or loads a model at import time.
"""
