# guest: make fragment (filled in by the guest part).
