"""nnbook's JupyterLab server.

Serves the front end built in build/ (index.js, by webpack) with Debian's jupyterlab_server
(``LabServerApp``) on jupyter_server: the page from templates/index.html, settings schemas and
themes from build/, settings overrides from settings/ (no news popup), and MathJax 2 from Debian's
libjs-mathjax (/usr/share/javascript/mathjax) instead of a CDN. User settings and workspaces go
under JUPYTER_CONFIG_DIR/lab, as JupyterLab's own; npm start points JUPYTER_CONFIG_DIR,
JUPYTER_DATA_DIR, JUPYTER_RUNTIME_DIR and JUPYTER_PATH into the project.

Started by kernel/lab.ts (`npm start`) as
    python3 jupyterlab-app/server.py --ServerApp.root_dir=notebooks --ServerApp.ip=127.0.0.1 ...
and takes every jupyter_server option.
"""
import os

from jupyter_core.paths import jupyter_config_dir
from jupyter_server.base.handlers import FileFindHandler
from jupyter_server.utils import url_path_join
from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
MATHJAX = os.environ.get("NNBOOK_MATHJAX_DIR", "/usr/share/javascript/mathjax")
LAB_STATE = os.path.join(jupyter_config_dir(), "lab")


class NnbookLab(LabServerApp):
    name = __name__  # the extension point jupyter_server links; static files at <base_url>static/__main__/
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False  # no server extensions of the system's Jupyter (nbclassic, ...)
    app_name = "JupyterLab"
    app_version = "3.6.8"
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    app_settings_dir = os.path.join(HERE, "settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    user_settings_dir = os.path.join(LAB_STATE, "user-settings")
    workspaces_dir = os.path.join(LAB_STATE, "workspaces")

    def initialize_handlers(self):
        # <base_url>nnbook/mathjax/MathJax.js, from Debian's libjs-mathjax.
        self.handlers.append((r"/nnbook/mathjax/(.*)", FileFindHandler, {"path": MATHJAX}))
        super().initialize_handlers()

    def initialize_settings(self):
        super().initialize_settings()
        # Read by jupyterlab_server's LabHandler into the page config (fullMathjaxUrl).
        if os.path.exists(os.path.join(MATHJAX, "MathJax.js")):
            self.settings["mathjax_url"] = url_path_join(self.serverapp.base_url, "nnbook/mathjax/MathJax.js")
        else:
            self.log.warning("MathJax not found in %s: math will not render offline "
                             "(sudo apt-get install libjs-mathjax)", MATHJAX)


def _jupyter_server_extension_points():
    # How jupyter_server finds the app in this module when it is started as a script (__main__).
    return [{"module": __name__, "app": NnbookLab}]


if __name__ == "__main__":
    NnbookLab.launch_instance()
