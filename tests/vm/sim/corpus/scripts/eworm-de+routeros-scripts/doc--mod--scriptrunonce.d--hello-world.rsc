#!rsc by RouterOS

:put ("Hello World from " . [ /system/identity/get name ] . "!");
