"""Runs the Python cells of one FreezeLab lesson: in order, in one namespace, like notebook cells.

    python -u freezelab_cells.py SPEC.json     # one lesson program
    python -u freezelab_cells.py --serve SOCKET IDLE   # a fork server (below)

SPEC.json (written by the runner) holds the lesson path, the control-line marker, the prelude and
the cells: {"index", "line", "code", "mode"} with mode "run", "expect-error" or "no-run". Each cell
is compiled under the lesson's file name with its code on its own lesson lines, so a traceback
names `lesson.md:line`. Between cells the program prints the same control lines a Swift lesson
program prints (CellWire), so one reader splits both transcripts.

- "run": an exception that escapes the cell prints its traceback (without this file's frames) on
  standard error and ends the program with status 1; later cells do not run.
- "expect-error": the cell must raise; what it printed, then str(exception), is its output.
- "no-run": compiled only, never run.
"""
import json
import os
import signal
import sys
import time
import traceback


def run(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    # The lesson's scratch folder: a cell that writes a relative file writes it there, never
    # into the package.
    os.chdir(os.path.dirname(os.path.abspath(spec_path)))
    marker, path = spec["marker"], spec["path"]
    out = sys.stdout

    began = [0.0]

    def mark(verb, cell):
        # `end` carries the cell's own time in microseconds, as a Swift program's does.
        out.flush()
        tail = ""
        if verb == "begin":
            began[0] = time.monotonic()
        elif verb == "end":
            tail = " " + str(round((time.monotonic() - began[0]) * 1e6))
        out.write("\n" + marker + verb + " " + str(cell) + tail + "\n")
        out.flush()

    namespace = {"__name__": "__main__"}
    exec(compile(spec["prelude"], "<prelude>", "exec"), namespace)
    for cell in spec["cells"]:
        index, mode = cell["index"], cell["mode"]
        if mode != "no-run":
            mark("begin", index)
        try:
            # Padding puts every line of the cell on its own line number in the lesson file.
            code = compile("\n" * (cell["line"] - 1) + cell["code"], path, "exec")
            if mode == "no-run":
                continue
            if mode == "expect-error":
                try:
                    exec(code, namespace)
                    mark("no-error", index)
                except Exception as error:
                    mark("threw", index)
                    print(error)
            else:
                exec(code, namespace)
        except BaseException as error:
            if isinstance(error, SystemExit) and error.code in (None, 0):
                sys.exit(0)
            # Leave out this file's own frames: the traceback starts in the lesson.
            tb = error.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
                tb = tb.tb_next
            sys.stdout.flush()
            traceback.print_exception(type(error), error, tb)
            sys.stderr.flush()
            sys.exit(1)
        mark("end", index)


def warm_up():
    """Imports what lessons use, once, so every forked child starts with it loaded."""
    import torch  # the whole point: imported once, shared by every child
    import torch.nn.functional as F

    # Optimizers and losses import more of PyTorch on first use (seconds of it: the optimizers'
    # dynamo guard): use each once here, on a throwaway parameter. No random draws.
    weight = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
    for optimizer in (torch.optim.SGD([weight], lr=0.1, momentum=0.9), torch.optim.Adam([weight]),
                      torch.optim.AdamW([weight])):
        optimizer.zero_grad()
        (F.mse_loss(weight, torch.ones(2, dtype=torch.float64))
         + F.cross_entropy(weight.unsqueeze(0), torch.tensor([1]))).backward()
        optimizer.step()


def start_child(request, keep):
    """Forks a child that runs one lesson program; returns its pid. `keep`: the descriptors the
    child must not hold (the server's sockets), closed in the child."""
    pid = os.fork()
    if pid != 0:
        return pid
    os.setpgid(0, 0)
    try:
        import ctypes  # end with the server, as a spawned program would with its runner
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for fd in keep:
        try:
            os.close(fd)
        except OSError:
            pass
    out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    # Fresh standard streams over the new descriptors: nothing inherited from the server.
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
    code = 0
    try:
        run(request["spec"])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def serve(path, idle):
    """A fork server on the Unix socket `path`: it imports torch once, then runs each lesson
    program a client sends in a forked child, several at a time, for any number of clients (one
    `freezelab check` each), and stays `idle` seconds after the last one leaves, so the next check
    does not pay for `import torch` again.

    A client sends one request per line, {"id": …, "spec": …, "stdout": …, "stderr": …} (absolute paths);
    the server forks a child at once and answers {"id": …, "pid": …}, then {"id": …, "status": …}
    when that child ends (its exit status, or minus the signal that ended it). A child has a
    process group of its own, so the client can stop it (and anything it started) on a timeout.
    When a client's connection closes, because it finished or died, the children it still had
    are killed: no lesson program outlives the check that asked for it. Lessons stay independent:
    every child starts from the server's clean state. One thread only: a child is never forked
    while another thread holds a lock.

    The server ends after `idle` seconds without clients or children, at once when its socket file
    is removed or replaced (its folder deleted, a newer server took the name), and when the files
    it was started from change (the interpreter or PyTorch reinstalled): then it answers no more
    requests, and its clients run their programs on their own.
    """
    import selectors
    import socket
    import time

    os.setsid()  # a session of its own: a terminal's Ctrl-C for one check does not reach it
    # Hold nothing the starting check had open (a pipe some caller waits to see closed).
    os.closerange(3, 65536)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(path)  # bound before torch is imported: the name is claimed at once
    except OSError:
        return  # another server holds the name
    listener.listen(64)
    bound = os.stat(path).st_ino
    warm_up()
    import torch
    sources = [os.path.realpath(sys.executable), torch.__file__]

    def identity():
        try:
            return [(os.stat(f).st_dev, os.stat(f).st_ino, os.stat(f).st_mtime_ns) for f in sources]
        except OSError:
            return None

    started_from = identity()

    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the loop through the pipe
    # The process that started the server may have blocked SIGCHLD, and a mask is inherited.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(wake_read, selectors.EVENT_READ)
    clients = {}   # connection -> bytes not yet a whole line
    children = {}  # pid -> (connection, request id)
    last_active = time.monotonic()

    def send(connection, message):
        if connection in clients:
            try:
                connection.sendall((json.dumps(message) + "\n").encode())
            except OSError:
                pass  # the client is gone; its end of input closes it below

    def close(connection):
        selector.unregister(connection)
        del clients[connection]
        connection.close()
        for pid, (owner, _) in list(children.items()):
            if owner is connection:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass

    def ours():
        try:
            return os.stat(path).st_ino == bound
        except OSError:
            return False

    def current():
        return ours() and identity() == started_from

    while True:
        # A second's timeout: a lost signal only delays noticing a child's end, and the idle
        # time and the socket file are looked at every second.
        for key, _ in selector.select(timeout=1.0):
            if key.fileobj is listener:
                connection, _ = listener.accept()
                clients[connection] = b""
                selector.register(connection, selectors.EVENT_READ)
            elif key.fileobj == wake_read:
                os.read(wake_read, 4096)
            else:
                connection = key.fileobj
                try:
                    chunk = connection.recv(65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    close(connection)
                    continue
                clients[connection] += chunk
                if b"\n" in clients[connection] and (listener is None or not current()):
                    close(connection)  # unanswered: the client runs its programs itself
                    continue
                while b"\n" in clients[connection]:
                    line, clients[connection] = clients[connection].split(b"\n", 1)
                    request = json.loads(line)
                    keep = [listener.fileno(), wake_read, wake_write] + [c.fileno() for c in clients]
                    pid = start_child(request, keep)
                    children[pid] = (connection, request["id"])
                    send(connection, {"id": request["id"], "pid": pid})
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid in children:
                connection, ident = children.pop(pid)
                send(connection, {"id": ident, "status": os.waitstatus_to_exitcode(status)})
        if clients or children:
            last_active = time.monotonic()
        if listener is not None and not current():
            # Retired: no new requests, but the children running finish their lessons.
            selector.unregister(listener)
            listener.close()
            listener = None
            if ours():
                os.unlink(path)
        if (listener is None and not children) or (not clients and not children and time.monotonic() - last_active >= idle):
            break
    if listener is not None and ours():
        os.unlink(path)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        # --serve SOCKET IDLE_SECONDS
        serve(sys.argv[2], float(sys.argv[3]))
        # Leave at once: tearing down an interpreter that imported torch takes seconds on a busy
        # machine, and a retired server has nothing to flush (its streams are /dev/null).
        os._exit(0)
    else:
        run(sys.argv[1])
