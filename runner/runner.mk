# runner: make fragment (filled in by the runner part).
$(HEXT):
	@mkdir -p $(dir $@) && printf "#!/bin/sh\necho runner not built yet; exit 3\n" > $@ && chmod +x $@
