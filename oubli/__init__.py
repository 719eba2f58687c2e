"""The application shell: settings, bootstrap, and the `oubli` command line."""
