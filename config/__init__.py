"""The configuration shipped with Oubli: this folder is installed as the package `oubli_config` (see
pyproject.toml), so that a wheel carries it; `casefiles.kernel.config_files` gives the paths of its files."""
