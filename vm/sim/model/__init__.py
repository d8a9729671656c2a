"""The device model of the simulated RouterOS: menus as data, items, files, log, backups.

`RouterModel` is the whole device; `catalog` lists its menus; `engine` runs the generic
menu commands; `derived` works out dynamic entries; `fresh` is the factory
configuration; `store` keeps items under ids; `backup` is the ``.backup`` file format.
"""

from vm.sim.model.router import FileInfo, RouterModel, file_type

__all__ = ["FileInfo", "RouterModel", "file_type"]
