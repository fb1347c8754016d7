"""The Qt interface. Only this package (and app/, controller.py, speech_model.py, recording.py,
documents.py, encounter_history.py, workers.py) imports Qt."""
