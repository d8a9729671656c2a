"""Job notifications: the outbox delivery worker, Standard Webhooks signatures, the retry
schedule and the SSRF guard on where notifications may go.

- `emulator.notifications.delivery`: `DeliveryWorker` (start/stop/wake) and its options;
- `emulator.notifications.signing`: secrets, signed headers and `verify` for receivers;
- `emulator.notifications.schedule`: the retry schedule and the verdict on each answer;
- `emulator.notifications.ssrf`: `AddressPolicy` and the connection-time address check;
- `emulator.notifications.transport`: the guarded httpx transport with verified TLS.

Nothing is imported here, so a receiver that only verifies signatures loads no HTTP stack.
"""
