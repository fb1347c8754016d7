"""Drafting documents from a transcript: NoteWriter protocol, backends, templates."""
