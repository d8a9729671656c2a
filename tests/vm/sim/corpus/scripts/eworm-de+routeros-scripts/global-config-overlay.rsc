# Overlay for global configuration by RouterOS Scripts
# Copyright (c) 2013-2026 Christian Hesse <mail@eworm.de>
# https://rsc.eworm.de/COPYING.md
#
# global configuration, custom overlay
# https://rsc.eworm.de/#editing-configuration

# Copy relevant configuration from global-config, paste and modify it here.
# https://rsc.eworm.de/main/global-config.rsc


# End of global-config-overlay
