/ip route
add comment=WAN1 distance=1 dst-address=208.67.220.220/32 gateway=192.168.0.1 scope=10
add comment=WAN2 distance=1 dst-address=208.67.222.222/32 gateway=192.168.0.2 scope=10
