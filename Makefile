# lockaudit: a plain Makefile. Dependencies come from node_modules (npm ci --ignore-scripts)
# and are compiled here from their C sources: the tree-sitter runtime as its one-file
# amalgamation (lib.c) and the tree-sitter-c grammar's parser.c.

CC      ?= gcc
TS_DIR   = node_modules/tree-sitter/vendor/tree-sitter/lib
TSC_DIR  = node_modules/tree-sitter-c/src
OUR_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -pthread -I$(TS_DIR)/include
DEP_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -w -I$(TS_DIR)/include -I$(TS_DIR)/src
OPT      ?= -O2 -g
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS = $(wildcard src/*.c)
HDRS = $(wildcard src/*.h)
OBJS = $(SRCS:src/%.c=build/rel/%.o)
TOBJS = $(SRCS:src/%.c=build/san/%.o)

all: lockaudit

deps: $(TS_DIR)/src/lib.c $(TSC_DIR)/parser.c
$(TS_DIR)/src/lib.c $(TSC_DIR)/parser.c:
	npm ci --ignore-scripts --no-audit --no-fund

build/rel build/san:
	mkdir -p $@

build/rel/%.o: src/%.c $(HDRS) | build/rel deps
	$(CC) $(OUR_FLAGS) $(OPT) -c $< -o $@
build/san/%.o: src/%.c $(HDRS) | build/san deps
	$(CC) $(OUR_FLAGS) -O1 -g $(SAN) -c $< -o $@

build/rel/ts_lib.o: | build/rel deps
	$(CC) $(DEP_FLAGS) -O2 -c $(TS_DIR)/src/lib.c -o $@
build/rel/ts_c.o: | build/rel deps
	$(CC) $(DEP_FLAGS) -O2 -c $(TSC_DIR)/parser.c -o $@

lockaudit: $(OBJS) build/rel/ts_lib.o build/rel/ts_c.o
	$(CC) $(OPT) -pthread -o $@ $^

# The test binary: our code under ASan+UBSan, the dependencies plain (-O2) so tests stay fast.
lockaudit-test: $(TOBJS) build/rel/ts_lib.o build/rel/ts_c.o
	$(CC) -g $(SAN) -pthread -o $@ $^

UNIT_SRCS = $(wildcard tests/unit/*_test.c)
build/san/unit_%: tests/unit/%_test.c $(filter-out build/san/main.o,$(TOBJS)) build/rel/ts_lib.o build/rel/ts_c.o
	$(CC) $(OUR_FLAGS) -Isrc -O1 -g $(SAN) -pthread -o $@ $^

units: $(UNIT_SRCS:tests/unit/%_test.c=build/san/unit_%)

check: lockaudit-test units
	sh tests/run ./lockaudit-test

# Exit status 1 means "findings", which is what the example is for.
example: lockaudit
	./lockaudit examples/ || test $$? -eq 1

bench: lockaudit
	sh bench/run.sh

clean:
	rm -rf build lockaudit lockaudit-test

.PHONY: all deps check units example bench clean
