# 2024-05-09 23:12:48 by RouterOS 7.15rc2
#
# model = C53UiG+5HPaxD2HPaxD
/ip firewall address-list
add address=200.75.144.216 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.75.144.218 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.216.246.245 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.204.126 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.59.184.15 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.59.184.16 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.59.184.12 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.32.64.196 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.44.48.1 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=200.74.203.84 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=162.241.240.122 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.127.115 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.216.233.38 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.35.78.105 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=201.249.183.50 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=201.249.183.51 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.205.117.22 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.198.187 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.24.40.65 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.93.44.45 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.57.38 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.57.45 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.205.100.150 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=201.131.122.35 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=191.236.55.94 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.207.40 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.90.15.1 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.230.106.149 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.0.178.199 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=45.175.39.15 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.127.114 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=45.175.39.16 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.205.107.60 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.217.12.33 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.205.107.59 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.109.237.182 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=207.180.193.226 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=66.113.131.43 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.1.66 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.32.64.197 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.44.45.90 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.35.80.138 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.9.208 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=161.196.60.81 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.2.57.166 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=23.32.213.36 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.35.2.157 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.205.103.97 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=40.121.139.117 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.148.187 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.44.45.8 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=200.11.221.13 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=45.175.39.120 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.86.168.20 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=161.196.43.73 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.86.152.21 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.114.246.124 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=104.119.209.74 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.109.237.180 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.211.47 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=181.225.43.154 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=181.225.32.17 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=181.225.32.18 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=181.225.32.22 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=181.225.32.23 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.109.237.57 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.109.237.58 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.87.178 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=104.21.44.190 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=65.8.248.88 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=190.205.117.21 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.211.46 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=172.16.40.33 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=96.17.43.44 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=199.16.237.212 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=3.230.30.180 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=186.24.56.180 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.22.198 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.217.12.34 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.205.112.68 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=172.16.40.32 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.32.64.204 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.32.64.206 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.44.48.2 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=186.167.16.171 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=172.16.32.69 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=181.225.41.221 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=23.67.192.101 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.82.66 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.205.57.76 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=167.250.48.79 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=181.225.41.103 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.11.221.16 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=186.24.56.182 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=31.13.67.53 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=45.79.51.42 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=190.121.235.227 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=142.250.64.228 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.233.187.24 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=143.244.61.217 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=92.38.177.14 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=199.217.60.136 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.109.237.53 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=201.248.64.234 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.217.7.100 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.126 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.233 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.234 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.11.150.137 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.11.150.138 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.11.150.141 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.11.150.142 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.90.15.3 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=190.217.6.52 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.3.3 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=184.50.57.229 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=184.24.60.135 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.73.247.80 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.199.185.229 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=23.72.203.41 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.2.226.233 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.214.28.160 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.50.84.115 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.108.254.249 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=23.199.148.111 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=184.28.196.121 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=23.208.224.37 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.61.66.35 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=104.87.70.133 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=184.50.219.175 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=104.18.6.32 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=104.18.7.32 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=200.32.64.203 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.193.27 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.217.241.72 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.167.26.229 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.18.28.80 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.18.29.80 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.226.182.14 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.22.5.68 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=52.21.227.162 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.237.159.171 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=3.212.110.239 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.234.40.44 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=35.168.221.21 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=44.207.135.142 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=52.1.80.98 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=54.88.202.111 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.211.53 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.216.233.44 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.205.127.148 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.205.127.149 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=201.249.174.82 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.24.10.230 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.57.37 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.22.197 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.24.10.228 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=186.166.203.51 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=169.46.136.205 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=169.60.246.119 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.9.217 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.9.216 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.207.50 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.32.64.202 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.228.121.158 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.193.45 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.232.39.98 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.114.246.125 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=104.21.43.167 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=172.67.181.191 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.230.218 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.230.219 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.24.40.67 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.120.250.231 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.120.250.230 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.24.40.66 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.120.250.233 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.120.250.232 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.198.254 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.198.190 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=169.48.78.214 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.220.57.224 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.232.242.170 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.20.78.240 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.91.59.199 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.204.238.15 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.209.91.188 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.221.251.148 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=75.101.184.39 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.225.158.2 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.227.194.213 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.64.174.29 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.64.174.40 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.64.174.46 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.64.174.72 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.212.87.29 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=107.20.241.147 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=18.210.221.160 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.24.32.70 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=186.24.32.69 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=44.207.21.146 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=44.207.78.112 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.55.54.43 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=190.216.246.246 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=104.86.168.239 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=63.140.38.20 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.123 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.137 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.139 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.0 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=63.140.38.12 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.113 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.115 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.149 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.165 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.169 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.178 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.201 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.225 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.111.45.190 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=63.140.38.100 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.120 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.128 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.180 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.226 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.229 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.232 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.67.29.204 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=66.22.24.235 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.81.129 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.81.130 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.81.131 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.81.132 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.81.133 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.81.134 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.61.106 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.148.188 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.217.7.113 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.225 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.90.15.6 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=200.90.15.7 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=190.217.7.102 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.44.48.54 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.61.92 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.111 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.148.185 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.148.186 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.61.87 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.127.106 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.201.195 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=104.122.58.152 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.201.90 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.205.249.104 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.74.203.88 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.203.85 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.203.87 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=108.139.15.63 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=108.139.15.70 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.15 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.104 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.151 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.163 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.237 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.225.51.240 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.160 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.117 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.186 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.91.133.176 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=54.192.51.27 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.192.51.53 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.192.51.100 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.192.51.102 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=35.173.158.224 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=63.140.38.219 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.14.46.117 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.192.22.170 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.206.58.72 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.194.250.107 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=23.2.59.234 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.218.107.9 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.233.94.186 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.234.32.34 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=34.238.213.123 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=54.204.120.132 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=34.198.182.144 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=66.22.25.40 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=190.217.7.121 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.122 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.123 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.217.7.230 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.211.54.134 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.146.211.23 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=35.172.64.216 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.85.162.82 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.202.78.231 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.233.126.24 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.234.52.18 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.206.163.162 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=34.200.202.64 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.9.54.49 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.221.106.115 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.21.227.12 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.213.94.220 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=8.242.232.147 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=8.242.232.149 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=186.24.10.227 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=8.242.232.146 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.224.193.111 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.210.160.232 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=34.206.157.4 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.58.250.62 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.173.166.11 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.173.166.98 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.173.166.117 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=18.173.166.120 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=54.82.199.228 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.198.188 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=104.71.253.79 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.210.82.112 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.202.57.238 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.18.39.216 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=172.64.148.40 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=104.18.34.73 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=172.64.153.183 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=34.232.119.139 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=34.236.116.201 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=44.214.19.226 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.1.204.68 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=52.4.44.104 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=54.242.119.28 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.234.238.110 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.74.223.194 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.16.12 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.16.11 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.16.10 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.16.9 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=35.153.4.48 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=52.87.95.192 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=18.233.236.15 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.225.228.118 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=34.227.199.77 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.226.158.116 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=44.211.101.0 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.91 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.111 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.132 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.138 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.189 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.217 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.236 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.9 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=63.140.39.15 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.22 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.35 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.65 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.82 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.93 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.117 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.150 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.220.205.98 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.21.27.80 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.215.39.127 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.216.228.60 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.228.2.161 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.205.66.72 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.86.42.246 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.118.9.67 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=169.45.171.10 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=186.167.74.66 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.35.78.107 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.195.228.200 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=54.86.161.179 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.226.102.53 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=54.225.228.157 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=63.140.38.55 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.38.112 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.205.57.75 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=201.249.209.110 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.205.57.77 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.88.38 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.202.20.141 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=63.140.38.210 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.240 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=44.206.134.78 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.130 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.72 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.224 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=63.140.39.248 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.206.75.76 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=186.167.16.173 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.167.74.67 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=200.35.78.106 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=201.249.183.53 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=186.167.74.70 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=44.219.170.198 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=3.209.46.46 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.222.135.172 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.200.43.74 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=52.87.127.184 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.234.133.5 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=3.223.200.119 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=23.21.26.173 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.200.102.201 comment="script ipv4 - bancos" disabled=no \
    dynamic=no list=bancos
add address=52.207.22.94 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=44.206.161.21 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=190.52.104.19 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.227.121.86 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=34.236.3.119 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=3.82.184.254 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=44.196.85.244 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=50.16.213.203 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=96.6.234.43 comment="script ipv4 - bancos" disabled=no dynamic=no \
    list=bancos
add address=23.202.79.28 comment="script ipv4 - bancos" disabled=no dynamic=\
    no list=bancos
add address=194.147.140.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.6.27.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.109.228.0/22 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=45.179.12.0/23 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=201.222.0.0/20 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.3.1.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.3.2.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.3.3.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.3.4.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.3.5.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.3.8.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.3.0.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=200.16.95.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.202.47.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.216.248.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=190.217.2.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=181.225.62.0/24 comment="script segment - bancos" disabled=no \
    dynamic=no list=bancos
add address=bancaenlinea.mibanco.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=bancaenlineaj.mibanco.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=bancaenlineac2p.mibanco.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=mibanco.librepago.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=bdvenlinea.banvenez.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=bdvenlineaempresas.banvenez.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=misdatosbdv.banvenez.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=puntoya.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=puntoyapos.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=tramitesenlineabdv.banvenez.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www5.bancaribe.com.ve comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=autogestion.bancaribe.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=bicentenarioenlinea.bicentenariobu.com.ve comment=\
    "script domain - bancos" disabled=no dynamic=no list=bancos
add address=tucomerciodigital.bicentenariobu.com.ve comment=\
    "script domain - bancos" disabled=no dynamic=no list=bancos
add address=vol.venezolano.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=vob.venezolano.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=cb.venezolano.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=bancaenlinea.bancoplaza.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=homebanking.delsur.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=bservicios.bancrecer.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.mercantilbanco.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www30.mercantilbanco.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=apimbu.mercantilbanco.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.portaldepagosmercantil.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=apiportal.mercantilbanco.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=empresas.bancomercantil.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.100x100banco.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www1.100x100banco.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www3.100x100banco.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www.bancamiga.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www2.bancamiga.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=adminpagos.bancamiga.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=onlinekids.bancamiga.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=puropago.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=online.bancamiga.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.bancaribe.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www3.bancaribe.com.ve comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www4.bancaribe.com.ve comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www.bancoactivo.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=activoenlinea.bancoactivo.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bav.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.bavenlinea.com.ve comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www.bicentenariobu.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=bancaenlinea.bicentenariobu.com.ve comment=\
    "script domain - bancos" disabled=no dynamic=no list=bancos
add address=bancaenlineabbu.bicentenariobu.com.ve comment=\
    "script domain - bancos" disabled=no dynamic=no list=bancos
add address=www.bancocaroni.com.ve comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www.bt.gob.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=tesoroenlinea.bt.gob.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bancoexterior.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=nexopersonas-bancoexterior.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=nexojuridico-bancoexterior.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bid.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.bncenlinea.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=personas.bncenlinea.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=empresas.bncenlinea.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bancoplaza.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=onplaza.bancoplaza.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=librepago.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=validardocumento.bancoplaza.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.credicard.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.sofitasa.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=sofimovil.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.sofinet.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.venezolano.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.bancrecer.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.banesco.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=chatbot-banesco-prod.banesco.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.banesconline.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.missolicitudes.banesco.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=multipagos.banesco.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=banesconlinempresa.banesco.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=solicitudestarjetas.banesco.net comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=solicitudes.banesco.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.banescoseguros.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=app-cobros.banescopagos.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=middleware.banescopagos.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=blog.banesco.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.banfanb.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=banfanbenlinea.banfanb.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=banfanbsaenlinea.banfanb.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bangente.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.banplus.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.banplusonline.com comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=www.provincial.com comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=smetrics.provincial.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bbvaprovinet.provincial.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=ve1.provinet.net comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.provincialnetcash.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bancodevenezuela.com comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=bdvmetricas.banvenez.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bfc.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www3.bfc.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www4.bfc.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.delsur.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.delsuronline.com.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=mibanco.com.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=www.banavih.gob.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
add address=elegibilidad.banavih.gob.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=faovel.banavih.gob.ve comment="script domain - bancos" disabled=\
    no dynamic=no list=bancos
add address=taquilla.banavih.gob.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=consulta.banavih.gob.ve comment="script domain - bancos" \
    disabled=no dynamic=no list=bancos
add address=www.bancoex.gob.ve comment="script domain - bancos" disabled=no \
    dynamic=no list=bancos
