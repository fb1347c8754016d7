"""The Qt interface. Only this package (and app.py, controller.py, workers.py) imports Qt."""
