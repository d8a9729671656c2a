/ip dhcp-server option add code=43 name=android-metered value="'ANDROID_METERED'"
