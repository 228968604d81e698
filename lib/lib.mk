# lib: make fragment (filled in by the lib part).
