/tool fetch url="https://127.0.0.1/rest/system/identity/set" user=admin password="redacted" \
output=user http-method=post http-data="{\"name\":\"API REST\"}" http-header-field="content-type: application/json"
