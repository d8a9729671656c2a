/ip dhcp-server option add code=43 name=msft-disable-netbios value=0x010400000002
/ip dhcp-server option add code=43 name=msft-release-on-shutdown value=0x020400000001
