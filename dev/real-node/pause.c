/* The sandbox ("pause") process of every pod on the real node: holds the pod's namespaces, reaps
 * children and exits on SIGTERM or SIGINT. Built statically by dev/real-node/node-image. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int signal) { exit(0); }

static void reap(int signal) {
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  signal(SIGCHLD, reap);
  for (;;) {
    pause();
  }
}
