:global lastLogId 0;
:global messagesLog ({});