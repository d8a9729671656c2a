/log info "leaseBound : $leaseBound";
/log info "leaseServerName : $leaseServerName";
/log info "leaseActMAC : $leaseActMAC";
/log info "leaseActIP : $leaseActIP";
/log info ("lease-hostname : " . $"lease-hostname");
/log info ("lease-options : " . [:tostr $"lease-options"]);