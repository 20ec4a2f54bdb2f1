"""Debian's jupyter_kernel_test suite against the nnbook TypeScript kernel.

Run from the project root after `npm ci` (CI does this in .ci/run):
    /usr/bin/python3 -m unittest discover -s tests/kernel -p 'test_*.py' -v
It registers the kernel inside the project (kernel/jupyter, via JUPYTER_PATH) and starts it in
notebooks/, where `import { np } from "./lib/index"` works as in the lessons.
"""

import os
import subprocess
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JUPYTER_PATH = os.path.join(ROOT, "kernel", "jupyter")
NOTEBOOKS = os.path.join(ROOT, "notebooks")


def setUpModule():
    subprocess.run(
        ["node", os.path.join(ROOT, "kernel", "bin", "nnbook-kernel.js"), "install"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ["JUPYTER_PATH"] = JUPYTER_PATH + (
        os.pathsep + os.environ["JUPYTER_PATH"] if os.environ.get("JUPYTER_PATH") else ""
    )


class NnbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "nnbook"
    language_name = "typescript"
    file_extension = ".ts"

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, cwd=NOTEBOOKS, startup_timeout=120)

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs"}},
        {"text": "const someLongName = 1; someLongN", "matches": {"someLongName"}},
    ]

    complete_code_samples = ["1 + 1", "const x = 1;", "function f() {\n  return 1;\n}"]
    incomplete_code_samples = ["function f() {", "const a = [1,", "if (true) {\n  1"]
    invalid_code_samples = ["1 +* )", "const = 5;"]

    code_page_something = "Math.max?"

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"a" + "b"', "result": "'ab'"},
        {"code": "[1, 2].map((v) => v * 10)", "result": "[ 10, 20 ]"},
        {
            "code": 'import { np } from "./lib/index";\nnp.arange(6).reshape(2, 3)',
            "result": "array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)",
        },
    ]

    code_display_data = [
        {"code": 'display({ "text/html": "<b>hi</b>", "text/plain": "hi" }, { raw: true })', "mime": "text/html"},
        {"code": "display(42)", "mime": "text/plain"},
    ]

    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput()"


class NotebookExecutionTests(unittest.TestCase):
    """Runs a notebook the way nbconvert --execute does (nbclient), from notebooks/."""

    def run_notebook(self, **kwargs):
        import nbformat
        from nbclient import NotebookClient

        nb = nbformat.read(os.path.join(ROOT, "tests", "kernel", "fixtures", "smoke.ipynb"), as_version=4)
        client = NotebookClient(nb, kernel_name="nnbook", timeout=120, resources={"metadata": {"path": NOTEBOOKS}}, **kwargs)
        client.execute()
        return nb

    def test_outputs_and_the_tagged_error(self):
        nb = self.run_notebook()
        cells = [c for c in nb.cells if c.cell_type == "code"]
        self.assertEqual([c.execution_count for c in cells], [1, 2, 3, 4])
        self.assertEqual(cells[0].outputs[0]["output_type"], "execute_result")
        self.assertEqual(cells[0].outputs[0]["data"]["text/plain"], "array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)")
        self.assertEqual(cells[1].outputs[0]["text"], "shape [ 2, 3 ]\n")
        self.assertEqual(cells[1].outputs[1]["data"], {"text/html": "<b>X</b>", "text/plain": "X"})
        err = cells[2].outputs[0]
        self.assertEqual(err["output_type"], "error")
        self.assertEqual(err["ename"], "BroadcastError")
        self.assertEqual(err["evalue"], "add: operands could not be broadcast together with shapes (2,3) (4,)")
        self.assertEqual(err["traceback"][0], "Cell [3], line 1:")
        self.assertEqual(cells[3].outputs[0]["data"]["text/plain"], "15")

    def test_an_untagged_error_stops_the_run_with_its_name_and_message(self):
        from nbclient.exceptions import CellExecutionError

        import nbformat
        from nbclient import NotebookClient

        nb = nbformat.read(os.path.join(ROOT, "tests", "kernel", "fixtures", "smoke.ipynb"), as_version=4)
        nb.cells[3].metadata["tags"] = []
        client = NotebookClient(nb, kernel_name="nnbook", timeout=120, resources={"metadata": {"path": NOTEBOOKS}})
        with self.assertRaises(CellExecutionError) as ctx:
            client.execute()
        self.assertIn("BroadcastError: add: operands could not be broadcast together with shapes (2,3) (4,)", str(ctx.exception))
        self.assertEqual(nb.cells[4].get("outputs"), [])


if __name__ == "__main__":
    unittest.main()
