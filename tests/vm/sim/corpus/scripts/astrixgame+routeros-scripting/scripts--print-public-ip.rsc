# Get and print IPv4
:put [/ip cloud get public-address]

# Get and print IPv6
:put [/ip cloud get public-address-ipv6]

# Get and print PTR record
:put [/ip cloud get dns-name]
