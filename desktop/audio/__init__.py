"""Audio in: microphone capture, the on-disk recorder, resampling, audio files."""
