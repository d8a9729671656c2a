"""Job notifications: the outbox delivery worker, Standard Webhooks signatures, the retry
schedule and the SSRF guard on where notifications may go.

- `emulator.notifications.delivery`: `DeliveryWorker` (start/stop/wake) and its options;
- `emulator.notifications.signing`: secrets, signed headers and `verify` for receivers;
- `emulator.notifications.schedule`: the retry schedule and the verdict on each answer;
- `emulator.notifications.ssrf`: `AddressPolicy` and the connection-time address check;
- `emulator.notifications.poster`: the client that posts them over guarded connections;
- `emulator.notifications.transport`: the TLS trust and the cap on an answer.

Nothing is imported here, so a receiver that only verifies signatures loads no HTTP stack.
"""
