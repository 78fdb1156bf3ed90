"""The static website (`kinderschutz-lotse website`): the knowledge being served as plain HTML
pages that work without JavaScript, from any web server, a municipal CMS or `file://`. Built
through the services like the report and the Aushang; no Telegram here."""
