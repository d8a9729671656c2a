:while ( $minSpeed = 0 ) do={
  :delay 60s;
  # :log info "Minimum speed hasn't reached, yet."
}
# :log info "Minimum speed has reached."

# :delay 900s; :if ($minSpeed = 0) do={ :log error "No (stable) internet for 15 minutes"; :error "see log" }

