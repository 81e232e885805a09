"""Runs the Python cells of one FreezeLab lesson: in order, in one namespace, like notebook cells.

    python -u freezelab_cells.py SPEC.json     # one lesson program
    python -u freezelab_cells.py --serve       # a fork server (below)

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
import traceback


def run(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    marker, path = spec["marker"], spec["path"]
    out = sys.stdout

    def mark(verb, cell):
        out.flush()
        out.write("\n" + marker + verb + " " + str(cell) + "\n")
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


def serve():
    """A fork server: import torch once, then run each requested lesson program in a forked child.

    Requests arrive one per line on standard input, {"id": …, "spec": …, "stdout": …, "stderr": …};
    for each the server forks a child at once (several run at the same time) and answers
    {"id": …, "pid": …}, then {"id": …, "status": …} when that child ends (its exit status, or
    minus the signal that ended it). A child has a process group of its own, so the runner can stop
    it (and anything it started) on a timeout, and it dies with the server. Lessons stay
    independent: every child starts from the server's clean state. One thread only: a child is
    never forked while another thread holds a lock.
    """
    import selectors
    import torch  # the whole point: imported once, shared by every child
    import torch.nn.functional as F

    # Optimizers and losses import more of PyTorch on first use (seconds of it): use each once
    # here, on a throwaway parameter, so children start with it loaded. No random draws.
    weight = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
    for optimizer in (torch.optim.SGD([weight], lr=0.1, momentum=0.9), torch.optim.Adam([weight]),
                      torch.optim.AdamW([weight])):
        optimizer.zero_grad()
        (F.mse_loss(weight, torch.ones(2, dtype=torch.float64))
         + F.cross_entropy(weight.unsqueeze(0), torch.tensor([1]))).backward()
        optimizer.step()

    def answer(message):
        os.write(1, (json.dumps(message) + "\n").encode())

    def start(request):
        pid = os.fork()
        if pid == 0:
            os.setpgid(0, 0)
            try:
                import ctypes  # end with the server, as a spawned program would with its runner
                ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            except Exception:
                pass
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
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
        return pid

    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the loop through the pipe
    # The process that started the server may have blocked SIGCHLD, and a mask is inherited.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
    selector = selectors.DefaultSelector()
    selector.register(0, selectors.EVENT_READ)
    selector.register(wake_read, selectors.EVENT_READ)
    running, pending, reading = {}, b"", True
    while reading or running:
        # A second's timeout: even a lost signal only delays noticing a child's end.
        for key, _ in selector.select(timeout=1.0):
            if key.fd == 0:
                chunk = os.read(0, 65536)
                if not chunk:
                    reading = False
                    selector.unregister(0)
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    request = json.loads(line)
                    pid = start(request)
                    running[pid] = request["id"]
                    answer({"id": request["id"], "pid": pid})
            else:
                os.read(wake_read, 4096)
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            if pid in running:
                answer({"id": running.pop(pid), "status": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        run(sys.argv[1])
