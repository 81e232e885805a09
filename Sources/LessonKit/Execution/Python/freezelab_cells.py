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

    Requests arrive one per line on standard input, {"spec": …, "stdout": …, "stderr": …}; for each,
    the server answers {"pid": …} when the child starts and {"pid": …, "status": …} when it ends
    (the exit status, or minus the signal that ended it). The child gets a process group of its own,
    so the runner can stop it (and anything it started) on a timeout; it dies with the server.
    Lessons stay independent: each child starts from the server's clean state.
    """
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
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            os.setpgid(0, 0)
            try:
                import ctypes  # end with the server, as a spawned program would with its runner
                ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            except Exception:
                pass
            out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(err, 2)
            sys.stdin.close()
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
        answer({"pid": pid})
        _, status = os.waitpid(pid, 0)
        answer({"pid": pid, "status": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        run(sys.argv[1])
