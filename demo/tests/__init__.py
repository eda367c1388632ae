"""Tests for the demo content."""
