:global config;
:set config { \
    "telegram"={ \
        "botToken"="XXXXXXXXXX:XXXX_XXXXXXXXXXXXXXXX_XXXXX-XXXXXXX"; \
        "chatID"="XXXXXXXXX" \
    }; \
    "dyndns"={ \
        "user"="dyndnsUser"; \
        "password"="dyndnsPassword"; \
        "host"="dyndnsHost"; \
        "interface"="publicInterface" \
    } \
};

:global telegramBotToken "XXXXXXXXXX:XXXX_XXXXXXXXXXXXXXXX_XXXXX-XXXXXXX";
:global telegramChatID "XXXXXXXXX";