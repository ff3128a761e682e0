# Youyang children's protection portal.
#   make            build build/portal, build/portalctl, build/modules/*.so
#   make run        install what is missing, build, start MariaDB + portal + Apache
#   make stop       stop them
#   make test       the whole suite on a private instance; last line "N passed, M failed"
#   make cluster-test  the portal on a three-node Galera cluster behind a
#                   balancer, nodes and hosts killed (deploy/cluster/README.md)
#                   (SAN=1 make test: the integration suite on the ASan/UBSan build)
#   make hostile    randomised hostile form posts through the real stack on the
#                   ASan/UBSan build (DURATION seconds, 600 by default)
#   make bench      wrk against the real stack (and tests/bench/payments.sh)
#   make asan       the same build with AddressSanitizer + UBSan, in build-asan/
#   make fuzz       libFuzzer on the request parsers, as long as FUZZ_SECONDS says
#   make module NAME=x   a new module modules/x/ from the skeleton (README,
#                   "Writing a module")
B       ?= build
PORT    ?= 8080
CC      ?= cc
OPT     ?= -O2 -D_FORTIFY_SOURCE=2
SANFLAGS ?=
WARN     = -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes -Wformat=2 \
           -Wshadow -Wno-unused-parameter \
           -Wno-missing-field-initializers
CFLAGS   = -std=c11 -D_GNU_SOURCE -g $(OPT) $(WARN) -fstack-protector-strong -fPIC \
           -Icgi -I/usr/include/ClearSilver $(shell pkg-config --cflags libmariadb 2>/dev/null) $(SANFLAGS)
LDLIBS   = $(shell pkg-config --libs libmariadb 2>/dev/null) -lneo_cgi -lneo_cs -lneo_utl -lz \
           -lfcgi -lcrypto -ldl
# ClearSilver's html escape of every template value is the host's
# (cgi/host/render.c, __wrap_neos_var_escape: the same bytes, one allocation)
LDLIBS  += -Wl,--wrap=neos_var_escape
# spreadsheets in and out (cgi/host/sheet*.c): .xlsx read with libzip + expat, written with libxlsxwriter; .xls with libfreexl
CFLAGS  += $(shell pkg-config --cflags libzip expat xlsxwriter freexl 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs libzip expat xlsxwriter freexl 2>/dev/null) -lm
MODFLAGS = -shared -Wl,--no-undefined -Wl,-z,relro,-z,now

# cgi/portal_module.h is the module ABI; cgi/host/ the framework (the host
# library and the FastCGI server); cgi/tools/ the command-line tools.
CORE_SRC = $(filter-out cgi/host/portal.c,$(wildcard cgi/host/*.c))
CORE_OBJ = $(CORE_SRC:cgi/host/%.c=$(B)/obj/host/%.o)
HEADERS  = cgi/portal_module.h $(wildcard cgi/host/*.h cgi/tools/*.h)
MODULES  = $(notdir $(patsubst %/,%,$(dir $(wildcard modules/*/*.c))))
MODULE_SO = $(sort $(MODULES:%=$(B)/modules/%.so))

# Apache's own error pages (ErrorDocument, deploy/apache), served without the
# portal: one page, templates/static/errors/page.html.in, filled in per code
# from the table pages.tsv. Built into the static folder, which production
# installs as /usr/share/portal/static after `make`.
ERRORS      = templates/static/errors
ERROR_PAGES = $(patsubst %,$(ERRORS)/%.html,$(shell awk -F'\t' '/^[0-9]/ {print $$1}' $(ERRORS)/pages.tsv))
$(ERRORS)/%.html: $(ERRORS)/page.html.in $(ERRORS)/pages.tsv
	awk -F'\t' -v code=$* 'NR == FNR { if ($$1 == code) { t = $$2; l = $$3; a = $$4 }; next } \
	    t == "" { exit 1 } \
	    { gsub(/@CODE@/, code); gsub(/@TITLE@/, t); gsub(/@LEAD@/, l); gsub(/@ADVICE@/, a); print }' \
	    $(ERRORS)/pages.tsv $(ERRORS)/page.html.in >$@.tmp && mv $@.tmp $@

all: $(B)/portal $(B)/portalctl $(MODULE_SO) $(ERROR_PAGES)

$(B)/obj/host/%.o: cgi/host/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/tools/%.o: cgi/tools/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Icgi/host -c $< -o $@

$(B)/libcore.a: $(CORE_OBJ)
	rm -f $@ && ar rcs $@ $^

# -rdynamic: a crashing worker's backtrace names the host's functions
$(B)/portal: $(B)/obj/host/portal.o $(B)/libcore.a
	$(CC) $(CFLAGS) -rdynamic -Wl,-z,relro,-z,now -o $@ $^ $(LDLIBS)

$(B)/portalctl: $(B)/obj/tools/portalctl.o $(B)/obj/tools/seed.o $(B)/libcore.a
	$(CC) $(CFLAGS) -Wl,-z,relro,-z,now -o $@ $^ $(LDLIBS)

# make bench: the .xlsx services over 1,000,000 rows (tests/bench/xlsx_export.c)
$(B)/xlsx_export: tests/bench/xlsx_export.c $(B)/libcore.a
	$(CC) $(CFLAGS) -O2 -Icgi/host -Wno-missing-prototypes -o $@ $^ $(LDLIBS)

# a module sees only cgi/portal_module.h and links against nothing of the host
.SECONDEXPANSION:
$(B)/modules/%.so: $$(wildcard modules/%/*.c) cgi/portal_module.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(MODFLAGS) -o $@ $(filter %.c,$^)

asan:
	$(MAKE) B=build-asan OPT=-O1 SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" all unit testmods

deps:
	bash deploy/local/deps.sh

run: deps all
	bash deploy/local/run.sh $(PORT)

stop:
	bash deploy/local/instance.sh stop var $(PORT)

test: 
	bash tests/run.sh

# make cluster-test: three MariaDB Galera nodes, two portal hosts and an
# Apache balancer under var/cluster; nodes and hosts killed (tests/cluster)
cluster-test: all testmods
	bash tests/cluster/test_cluster.sh

bench:
	bash tests/bench/bench.sh

fuzz:
	bash tests/fuzz/run.sh $${FUZZ_SECONDS:-300}

hostile:
	bash tests/hostile/run.sh

clean:
	rm -rf build build-asan

.PHONY: all asan deps run stop test cluster-test bench fuzz hostile clean

# The skeleton of a module lives in modules/.skeleton (the build's wildcards
# do not see a dot folder): copied, every "skeleton" renamed to NAME.
module:
	@echo "$(NAME)" | grep -qE '^[a-z][a-z0-9_]{0,30}$$' || { echo "usage: make module NAME=x ([a-z][a-z0-9_]*)"; exit 1; }
	@[ ! -e modules/$(NAME) ] || { echo "modules/$(NAME) exists already"; exit 1; }
	cp -r modules/.skeleton modules/$(NAME)
	cd modules/$(NAME) && for f in $$(find . -name '*skeleton*'); do \
	    mv "$$f" "$$(echo "$$f" | sed 's/skeleton/$(NAME)/g')"; done
	find modules/$(NAME) -type f -exec sed -i 's/skeleton/$(NAME)/g' {} +
	@echo "modules/$(NAME): edit its declarations, SQL and templates; make; tests in modules/$(NAME)/tests"
.PHONY: module

# Test fixtures: the testkit module and one faulty module per start-up fault.
FAULTS = magic abi dup clash perm wf wfcode panel panelfill argtype object objarg label labeldup \
         setting lookup
testmods: $(B)/testmods/testkit/testkit.so $(FAULTS:%=$(B)/testmods/%/faulty.so)

$(B)/testmods/testkit/testkit.so: tests/modules/testkit/testkit.c cgi/portal_module.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(MODFLAGS) -o $@ $<

$(B)/testmods/%/faulty.so: tests/modules/faulty.c cgi/portal_module.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(MODFLAGS) -DFAULT_$(shell echo $* | tr a-z A-Z) -o $@ $<

.PHONY: testmods

# Unit tests (cmocka) link the core library: build-asan/tests/test_* under `make asan unit`.
UNIT = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
# A module's unit tests beside it (modules/<name>/tests/test_*.c) link the
# module's own sources, as the module sees them (only cgi/portal_module.h):
# build/tests/modules/<name>/tests/test_*
MOD_UNIT = $(patsubst modules/%.c,$(B)/tests/modules/%,$(wildcard modules/*/tests/test_*.c))
unit: $(UNIT) $(MOD_UNIT)
$(B)/tests/%: tests/unit/%.c $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Icgi/host -Wno-missing-prototypes -o $@ $< $(B)/libcore.a $(LDLIBS) -lcmocka
$(B)/tests/modules/%: modules/%.c $$(wildcard $$(dir modules/%)../*.c $$(dir modules/%)../*.h) \
                      cgi/portal_module.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I$(dir $<).. -Wno-missing-prototypes -o $@ $(filter %.c,$^) -lcmocka
.PHONY: unit

# make soak: 300 slowloris + 50 slow bodies vs probes on a private instance (tests/soak)
soak:
	bash tests/soak/run.sh
.PHONY: soak
