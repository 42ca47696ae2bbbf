"""Sphinx configuration of the course website (``make site``; see website/build_site.py and README.md).

The site is built from a staged source folder that website/build_site.py fills with ``index.md`` (from this
folder), the executed course notebooks (``executed/`` -> ``notebooks/``) and the blank exercises
(``exercises/``); this folder is passed as the configuration folder (``sphinx-build -c website``), so paths
below are relative to it. Nothing is executed at build time and nothing is fetched from the network, at build
time or when a reader opens a page: no CDN scripts, fonts or maths (MathML, see _ext/gausslearn_site.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))  # the gausslearn package of this checkout

from gausslearn.paths import Course  # noqa: E402

COURSE = Course.here()

project = "Gaussian image filtering"
author = "the gausslearn course team"
copyright = "the gausslearn course team"  # noqa: A001 (Sphinx's name)
language = "en"

extensions = ["myst_nb", "gausslearn_site"]
exclude_patterns = ["**.ipynb_checkpoints", "_build"]

# -- myst-nb: show the stored outputs, run nothing ---------------------------------------------------------------
nb_execution_mode = "off"
# A cell tagged hide-output shows its output folded under a "Show code cell output" button (a <details>
# element, keyboard-operable); build_site.py tags the reveal after each predict-first prompt when the author
# did not. ipywidgets views need a kernel: no widget manager from a CDN.
nb_ipywidgets_js: dict = {}
myst_enable_extensions = ["dollarmath"]
# Course notebooks link to each other as files (`05_sigma.ipynb`, `../exercises/ex06_sigma.ipynb`): MyST turns
# those into links to the pages. Headings get anchors for in-page links.
myst_heading_anchors = 3

# -- maths: MathML written at build time (no MathJax, no network) --------------------------------------------------
html_math_renderer = "mathml"

# -- HTML -----------------------------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Gaussian image filtering"
html_static_path = ["_static"]
html_css_files = ["gausslearn.css"]
html_js_files: list[str] = []
html_last_updated_fmt = None
# Heading permalinks: the "#" is hidden from screen readers, so the link is named by its title
html_permalinks_icon = '<span aria-hidden="true">#</span>'
html_copy_source = True       # the download button offers each page's notebook (.ipynb)
html_show_sourcelink = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "launch_buttons": {},
    "navigation_with_keys": False,  # arrow keys must keep scrolling the page (screen readers, keyboards)
    "pygments_light_style": "a11y-high-contrast-light",
    "pygments_dark_style": "a11y-high-contrast-dark",
    "show_prev_next": True,
}

# The predict-first prompts' script (gausslearn/static/predict.js, from the widgets' author): the prompt's static
# HTML shows the question and options; the script reveals the verdict only after the reader picks an option.
# Included when the file exists, with any stylesheet beside it.
PACKAGE_STATIC = COURSE.package / "static"
if (PACKAGE_STATIC / "predict.js").is_file():
    html_static_path.append(str(PACKAGE_STATIC))
    html_js_files.append("predict.js")
    html_css_files += sorted(p.name for p in PACKAGE_STATIC.glob("*.css"))
