IGNORED = ['*.pyc', '__pycache__']
