/* The limit for a libyaml-based parser: libyaml's own event loop over a file, building nothing.
 * Prints "libyaml_events_10mb <median ms of RUNS runs> ms" and the event count.
 * Build: cc -O2 libyaml_events.c -lyaml -o libyaml_events
 * Run:   libyaml_events FILE [RUNS]   (RUNS: 1 to 5, default 5) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) { fprintf(stderr, "usage: %s FILE [RUNS]\n", argv[0]); return 2; }
    int runs = argc == 3 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 5) { fprintf(stderr, "RUNS must be 1 to 5\n"); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 2; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = malloc((size_t)size);
    if (!bytes || fread(bytes, 1, (size_t)size, file) != (size_t)size) { fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
    fclose(file);
    double times[5];
    long events = 0;
    for (int run = 0; run < runs; run++) {
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, bytes, (size_t)size);
        events = 0;
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "parse error: %s\n", parser.problem); return 1; }
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&parser);
        clock_gettime(CLOCK_MONOTONIC, &end);
        times[run] = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
    }
    qsort(times, (size_t)runs, sizeof times[0], compare);
    printf("libyaml_events_10mb %.3f ms\nlibyaml_event_count %ld events\n", times[runs / 2], events);
    free(bytes);
    return 0;
}
