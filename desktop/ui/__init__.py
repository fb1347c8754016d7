"""The Qt interface. Only this package (and app.py, controller.py, speech_model.py, recording.py,
documents.py, encounter_history.py, workers.py) imports Qt."""
