/* Bounded-buffer producer/consumer with a mutex and two condition variables. Every hand-off
 * ("consumer C took item K of producer P") goes into a log; the program prints the log's FNV-1a
 * hash, how many items each consumer took, and the first hand-offs. Which consumer gets which
 * item depends on the interleaving.
 * Usage: prodcons [PRODUCERS CONSUMERS ITEMS_PER_PRODUCER] */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAP 4
static int buf[CAP], head, count;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static int producers, consumers, items;
static int *log_item, *log_cons, nlog;
static int taken[64];
static volatile unsigned sink;

static void spin(unsigned n) { for (unsigned i = 0; i < n; i++) sink += i; }

static void *produce(void *arg) {
    int p = (int)(intptr_t)arg;
    for (int k = 0; k < items; k++) {
        spin(200 + 37 * p);
        pthread_mutex_lock(&mu);
        while (count == CAP) pthread_cond_wait(&not_full, &mu);
        buf[(head + count) % CAP] = p * 100000 + k;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

static void *consume(void *arg) {
    int c = (int)(intptr_t)arg;
    int total = producers * items;
    for (;;) {
        pthread_mutex_lock(&mu);
        while (count == 0 && nlog < total) pthread_cond_wait(&not_empty, &mu);
        if (count == 0 && nlog >= total) {
            pthread_mutex_unlock(&mu);
            return NULL;
        }
        int item = buf[head];
        head = (head + 1) % CAP;
        count--;
        log_item[nlog] = item;
        log_cons[nlog] = c;
        nlog++;
        taken[c]++;
        if (nlog == total) pthread_cond_broadcast(&not_empty);
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&mu);
        spin(300 + 53 * c);
    }
}

int main(int argc, char **argv) {
    producers = argc > 1 ? atoi(argv[1]) : 3;
    consumers = argc > 2 ? atoi(argv[2]) : 3;
    items = argc > 3 ? atoi(argv[3]) : 300;
    int total = producers * items;
    log_item = calloc(total, sizeof(int));
    log_cons = calloc(total, sizeof(int));
    pthread_t t[128];
    int n = 0;
    for (int c = 0; c < consumers; c++) pthread_create(&t[n++], NULL, consume, (void *)(intptr_t)c);
    for (int p = 0; p < producers; p++) pthread_create(&t[n++], NULL, produce, (void *)(intptr_t)p);
    for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < nlog; i++) {
        char line[64];
        int len = snprintf(line, sizeof line, "C%d<-P%d#%d\n", log_cons[i], log_item[i] / 100000, log_item[i] % 100000);
        for (int j = 0; j < len; j++) { h ^= (unsigned char)line[j]; h *= 1099511628211ULL; }
    }
    printf("handoffs=%d\n", nlog);
    printf("log_hash=%016llx\n", (unsigned long long)h);
    printf("per_consumer=");
    for (int c = 0; c < consumers; c++) printf("%s%d", c ? "," : "", taken[c]);
    printf("\nfirst=");
    for (int i = 0; i < nlog && i < 24; i++)
        printf("%sC%d<-P%d#%d", i ? " " : "", log_cons[i], log_item[i] / 100000, log_item[i] % 100000);
    printf("\n");
    return 0;
}
