"""The device model of the simulated RouterOS: menus as data, items, files, log, backups.

`RouterModel` is the whole device; `catalog` lists its menus; `engine` runs the generic
menu commands; `derived` works out dynamic entries; `fresh` is the factory
configuration; `store` keeps items under ids; `files` keeps the files; `backup` is the
``.backup`` file format.
"""

from tikjobs.vm.sim.model.files import FileInfo, file_type
from tikjobs.vm.sim.model.router import RouterModel

__all__ = ["FileInfo", "RouterModel", "file_type"]
