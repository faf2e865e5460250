/* reusefd.c DIR FILE: lists DIR with opendir/readdir/closedir, then opens FILE, which gets the
 * descriptor number the directory had; reads 4 bytes, seeks back to 0, reads 4 bytes again, and
 * seeks to the end. Natively the two reads agree and the end is the file's size. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    DIR *d = opendir(argv[1]);
    int dirfd_was = dirfd(d);
    int entries = 0;
    while (readdir(d)) {
        entries++;
    }
    closedir(d);
    int fd = open(argv[2], O_RDONLY);
    char a[5] = {0}, b[5] = {0};
    read(fd, a, 4);
    off_t back = lseek(fd, 0, SEEK_SET);
    read(fd, b, 4);
    off_t end = lseek(fd, 0, SEEK_END);
    printf("entries %d, same descriptor %s, first '%s', again '%s' (lseek %ld), end %ld\n", entries,
           fd == dirfd_was ? "yes" : "no", a, b, (long)back, (long)end);
    return 0;
}
