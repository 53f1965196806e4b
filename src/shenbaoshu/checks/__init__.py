"""Stage 2, checks: schemes (a notice's rules as TOML), the rule registry, figures, validation."""
