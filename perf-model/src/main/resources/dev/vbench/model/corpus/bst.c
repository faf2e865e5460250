/* An unbalanced binary search tree: SIZE pseudo-random keys inserted (a malloc per node), SIZE
 * lookups of which half hit, then every node freed. Pointer chasing through the heap, branches
 * that go either way, allocation. SIZE: number of keys. */
#include "corpus_util.h"

struct node {
    uint64_t key;
    struct node *left, *right;
    uint64_t value;
};

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    struct node *root = NULL;
    uint64_t state = 0xD1B54A32D192ED03ULL;
    for (long i = 0; i < n; i++) {
        uint64_t key = corpus_next(&state) & ~1ULL; /* even keys are present */
        struct node **at = &root;
        while (*at != NULL) {
            at = key < (*at)->key ? &(*at)->left : &(*at)->right;
        }
        struct node *x = malloc(sizeof *x);
        if (x == NULL) {
            perror("malloc");
            return 1;
        }
        x->key = key;
        x->left = x->right = NULL;
        x->value = (uint64_t) i;
        *at = x;
    }
    uint64_t found = 0, sum = 0, probe = 0xD1B54A32D192ED03ULL;
    for (long i = 0; i < n; i++) {
        uint64_t key = corpus_next(&probe) & ~1ULL;
        if (i & 1) {
            key |= 1; /* odd: absent */
        }
        struct node *x = root;
        while (x != NULL && x->key != key) {
            x = key < x->key ? x->left : x->right;
        }
        if (x != NULL) {
            found++;
            sum += x->value;
        }
    }
    /* free iteratively: rotate left children up until none is left */
    while (root != NULL) {
        if (root->left != NULL) {
            struct node *l = root->left;
            root->left = l->right;
            l->right = root;
            root = l;
        } else {
            struct node *next = root->right;
            free(root);
            root = next;
        }
    }
    corpus_result("bst", found * 1000003 + sum);
    return 0;
}
