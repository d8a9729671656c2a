:local routerName "router.lan";


/interface list {
    add name=WAN comment="MSF WAN list";
    add name=LAN comment="MSF LAN list";
}
