"""The bundle's command-line executable: ``transcriber`` exactly as pip installs it."""

import multiprocessing

from transcriber.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen child process must not rerun the CLI
    main()
