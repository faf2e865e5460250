/* stat.c: creates new.txt (100 bytes), newdir/ and link -> new.txt in the working directory,
 * then reports the metadata of those and of every path in argv with stat, lstat, fstat,
 * fstatat (newfstatat) and statx: inode, device, mode, link count, owner, size, block size,
 * blocks and the three (statx: four) times.
 * Varies natively: inode numbers and times of the new files (and of the argv files when the
 * caller recreates them), devices of other file systems. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void show(const char *how, const char *path, int rc, const struct stat *st) {
    if (rc != 0) { printf("%s %s error\n", how, path); return; }
    printf("%s %s ino=%llu dev=%llu mode=%o nlink=%lu uid=%u gid=%u size=%lld blksize=%ld blocks=%lld "
           "atime=%lld.%09ld mtime=%lld.%09ld ctime=%lld.%09ld\n",
           how, path, (unsigned long long)st->st_ino, (unsigned long long)st->st_dev, st->st_mode,
           (unsigned long)st->st_nlink, st->st_uid, st->st_gid, (long long)st->st_size, (long)st->st_blksize,
           (long long)st->st_blocks, (long long)st->st_atim.tv_sec, st->st_atim.tv_nsec,
           (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec, (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
}

static void all(const char *path) {
    struct stat st;
    memset(&st, 0, sizeof st);
    show("stat", path, stat(path, &st), &st);
    memset(&st, 0, sizeof st);
    show("lstat", path, lstat(path, &st), &st);
    memset(&st, 0, sizeof st);
    show("fstatat", path, fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW), &st);
    int fd = open(path, O_RDONLY | O_NOFOLLOW);
    if (fd < 0) fd = open(path, O_PATH | O_NOFOLLOW);
    memset(&st, 0, sizeof st);
    show("fstat", path, fd < 0 ? -1 : fstat(fd, &st), &st);
    if (fd >= 0) close(fd);
    struct statx sx;
    memset(&sx, 0, sizeof sx);
    if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &sx) != 0) {
        printf("statx %s error\n", path);
        return;
    }
    printf("statx %s ino=%llu dev=%u:%u mode=%o nlink=%u uid=%u gid=%u size=%llu blksize=%u blocks=%llu "
           "atime=%lld.%09u mtime=%lld.%09u ctime=%lld.%09u btime=%lld.%09u\n",
           path, (unsigned long long)sx.stx_ino, sx.stx_dev_major, sx.stx_dev_minor, sx.stx_mode, sx.stx_nlink,
           sx.stx_uid, sx.stx_gid, (unsigned long long)sx.stx_size, sx.stx_blksize,
           (unsigned long long)sx.stx_blocks, (long long)sx.stx_atime.tv_sec, sx.stx_atime.tv_nsec,
           (long long)sx.stx_mtime.tv_sec, sx.stx_mtime.tv_nsec, (long long)sx.stx_ctime.tv_sec,
           sx.stx_ctime.tv_nsec, (long long)(sx.stx_mask & STATX_BTIME ? sx.stx_btime.tv_sec : 0),
           sx.stx_mask & STATX_BTIME ? sx.stx_btime.tv_nsec : 0);
}

int main(int argc, char **argv) {
    int fd = open("new.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[100];
    memset(buf, 'x', sizeof buf);
    if (fd < 0 || write(fd, buf, sizeof buf) != (ssize_t)sizeof buf) { perror("new.txt"); return 2; }
    close(fd);
    if (mkdir("newdir", 0755) != 0) { perror("newdir"); return 2; }
    if (symlink("new.txt", "link") != 0) { perror("link"); return 2; }
    all("new.txt");
    all("newdir");
    all("link");
    for (int i = 1; i < argc; i++) all(argv[i]);
    return 0;
}
