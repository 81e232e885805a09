"""Runs the Python cells of one FreezeLab lesson: in order, in one namespace, like notebook cells.

    python -u freezelab_cells.py SPEC.json

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
import sys
import traceback


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
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


main()
