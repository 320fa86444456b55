"""actorgraph's faces: the web app (REST API and pages) and the `actorgraph` command."""
