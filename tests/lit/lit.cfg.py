# -*- Python -*-
# lit configuration for spikec. Run through ctest, which passes the site
# config (tool paths from CMake) as a parameter.
import os
import lit.formats

config.name = "spikec"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)

site = lit_config.params.get("spikec_site_config")
if not site:
    lit_config.fatal("run through ctest, or pass --param spikec_site_config=...")
lit_config.load_config(config, site)

config.test_exec_root = os.path.join(os.path.dirname(site), "out")
config.environment["PATH"] = os.pathsep.join(
    [config.spikec_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%shared", config.spikec_shared_dir))
config.substitutions.append(("%srcroot", config.spikec_source_dir))

# Debian's python3 with h5py and numpy drives the independent references; a
# machine without them cannot run the suite, which says so (CMake refuses to
# configure the tests there too). The tests that need them still say
# REQUIRES: h5py (or numpy), for whoever runs one file by hand.
import subprocess
for module in ("numpy", "h5py"):
    if subprocess.call(["/usr/bin/python3", "-c", "import " + module],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
        lit_config.fatal("/usr/bin/python3 has no " + module + ": apt-get install python3-"
                         + module + " (tools/install-deps.sh does)")
    config.available_features.add(module)
config.substitutions.append(("%python", "/usr/bin/python3"))
# NIR's own Python library (../shared/nir-python) writes and reads NIR files
# in the tests, as a user's framework does.
config.substitutions.append(
    ("%nirpython", "env PYTHONPATH=" + os.path.join(config.spikec_shared_dir, "nir-python")
     + " /usr/bin/python3"))
