"""The parts of the simulated router's SSH server that serve one connection.

`vm.sim.ssh_server.SshServer` listens and owns the sessions; here are what a session
is made of: `session` (login and channel requests), `terminal` (exec and shell
consoles), `sftp` (the file store over SFTP) and `threads` (the threads they run in).
"""
