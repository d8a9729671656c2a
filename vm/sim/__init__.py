"""A simulated RouterOS device that speaks the real API wire protocol and SSH/SFTP."""
