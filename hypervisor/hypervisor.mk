# hypervisor: make fragment (filled in by the hypervisor part).
