#!/usr/bin/env python3
"""Types into Cowrite on a pseudo-terminal of a given size, as a person at a small
terminal would, and prints everything the screen got.

    python3 tools/test/pty_session.py BINARY FOLDER ROWS KEYS...

Each KEYS argument is sent after the screen has been quiet for a moment ("\\n" ends a
line; "q" quits a pager). Exits 0 when Cowrite has ended by itself within 30 seconds,
3 when it had to be killed (it hung), printing "HUNG" and what the screen held. Used by
the tests that check long output pages through `less` without stopping the REPL.
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def main():
    binary, folder, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    keys = [key.encode().decode("unicode_escape") for key in sys.argv[4:]]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(folder)
        env = dict(os.environ, TERM="xterm", PAGER="")
        env.pop("NO_COLOR", None)
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    screen = bytearray()

    def drain(quiet=0.6, limit=10.0):
        start = last = time.time()
        while time.time() - start < limit:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                screen.extend(chunk)
                last = time.time()
            elif time.time() - last > quiet:
                return True
        return True

    drain(quiet=1.0)
    for key in keys:
        os.write(fd, key.encode())
        drain()
    deadline = time.time() + 30
    while time.time() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            drain(quiet=0.2, limit=1)
            sys.stdout.write(screen.decode(errors="replace"))
            sys.exit(0 if os.WIFEXITED(status) else 2)
        drain(quiet=0.2, limit=0.5)
    os.kill(pid, signal.SIGKILL)
    sys.stdout.write("HUNG\n" + screen.decode(errors="replace"))
    sys.exit(3)


if __name__ == "__main__":
    main()
