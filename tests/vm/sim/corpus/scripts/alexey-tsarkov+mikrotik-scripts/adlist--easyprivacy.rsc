/ip dns set cache-size=(16 * 1024)
/ip dns adlist add url="https://alexey-tsarkov.github.io/mikrotik-scripts/easyprivacy.txt"
