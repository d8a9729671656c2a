#!rsc by RouterOS
#
# dummy for migration
