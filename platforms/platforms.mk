# platforms: make fragment (filled in by the platforms part).
images:
.PHONY: images
