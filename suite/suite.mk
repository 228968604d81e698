# suite: make fragment (filled in by the suite part).
