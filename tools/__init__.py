"""Development tools: soak, screenshots, badge samples, sounds. Not shipped in the package."""
