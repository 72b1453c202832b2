//! Apertium, the rule-based engine from Debian packages, run as a child process.
