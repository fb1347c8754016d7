"""Speech to text: the Transcriber protocol, its backends and the live streaming policy."""
