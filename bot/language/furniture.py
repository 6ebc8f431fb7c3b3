"""Page furniture in other languages: lines a pasted page carries around the story ("Lesen Sie
auch", "Подписывайтесь", "Más información", "Реклама", cookie notices, share rows). The cleaner
(bot/clean.py) drops a line that this table recognises, as it does for the English ones."""

from __future__ import annotations

import re

# Whole lines, matched case-insensitively from the start. Most need the line to be short: a story
# sentence can begin with "Подписывайтесь" too, but not in four words.
_SHORT_LINES: dict[str, str] = {
    "de": r"lesen sie (?:auch|mehr|hier).*|mehr zum thema.*|auch interessant.*|anzeige|werbung"
    r"|(?:artikel )?teilen(?: auf \w+)?|kommentare?(?: \(\d+\))?|zur startseite|startseite|suche"
    r"|menü|drucken|zum inhalt springen|jetzt (?:abonnieren|anmelden|lesen).*|aktualisiert(?: am)?.*"
    r"|veröffentlicht(?: am)?.*|(?:foto|bild|quelle|grafik): .*|\d+ min(?:\.|uten)? lesezeit"
    r"|lesezeit:? .*|empfohlener redaktioneller inhalt|weitere artikel.*|meistgelesen.*"
    r"|alle rechte vorbehalten.*|folgen sie uns.*|mehr (?:nachrichten|artikel) .*",
    "ru": r"реклама|подписывайтесь.*|подпишитесь.*|читайте (?:также|еще|ещё).*|поделиться.*"
    r"|комментари(?:и|ев)(?: \(?\d+\)?)?|главная|поиск|меню|новости по теме.*|по теме.*"
    r"|популярное|самое (?:читаемое|популярное).*|(?:фото|источник|иллюстрация): .*"
    r"|все права защищены.*|обновлено.*|(?:наш )?(?:telegram|телеграм)[- ]канал.*"
    r"|смотрите также.*|материалы по теме.*|другие новости.*|читать далее|распечатать",
    "uk": r"реклама|читайте (?:також|більше).*|підписуйтесь.*|підпишіться.*|поділитися.*"
    r"|усі права захищені.*|новини за темою.*|головна|пошук",
    "es": r"más información.*|mas informacion.*|lee (?:también|tambien|más).*|leer más"
    r"|te puede interesar.*|publicidad|compartir(?: en \w+)?|comentarios?(?: \(\d+\))?"
    r"|suscríbete.*|suscribete.*|todos los derechos reservados.*|(?:foto|fuente): .*"
    r"|noticias relacionadas.*|lo más leído.*|actualizado.*|síguenos.*|siguenos.*|portada|buscar",
    "fr": r"(?:à )?lire aussi.*|publicité|partager(?: sur \w+)?|abonnez-vous.*"
    r"|tous droits réservés.*|sur le même sujet.*|les plus lus.*|mis à jour.*|publié le.*"
    r"|suivez-nous.*|accueil|rechercher|(?:photo|source): .*|commentaires?(?: \(\d+\))?",
    "it": r"leggi anche.*|pubblicità|condividi(?: su \w+)?|iscriviti.*|tutti i diritti riservati.*"
    r"|potrebbe interessarti.*|aggiornato.*|seguici.*|cerca|(?:foto|fonte): .*",
    "pt": r"leia (?:também|tambem|mais).*|publicidade|compartilh(?:e|ar)(?: no \w+)?|assine.*"
    r"|todos os direitos reservados.*|veja também.*|siga-nos.*|(?:foto|fonte): .*",
    "tr": r"reklam|(?:bunlar da )?ilginizi çekebilir.*|paylaş|abone ol.*|tüm hakları saklıdır.*"
    r"|devamını oku|ilgili haberler.*|bizi takip edin.*|(?:fotoğraf|kaynak): .*|ana sayfa",
    "ar": r"إعلان|اقرأ أيضا.*|اقرأ أيضاً.*|شارك(?: على \S+)?|جميع الحقوق محفوظة.*|تابعونا.*"
    r"|أخبار ذات صلة.*|الأكثر قراءة.*",
    "zh": r"广告|相关阅读.*|相关新闻.*|相关报道.*|分享到.*|版权所有.*|责任编辑.*|点击查看.*"
    r"|扫码关注.*|关注我们.*|热门推荐.*|(?:图|来源)[:：].*",
}
# Cookie and consent notices run longer; they are furniture in any length up to a paragraph.
_NOTICES = (
    r"wir verwenden cookies.*|diese (?:website|webseite) verwendet cookies.*"
    r"|мы используем (?:файлы )?cookie.*|этот сайт использует (?:файлы )?cookie.*"
    r"|(?:utilizamos|usamos) cookies.*|este sitio (?:web )?utiliza cookies.*"
    r"|nous utilisons des cookies.*|ce site utilise des cookies.*|utilizziamo i cookie.*"
    r"|questo sito utilizza (?:i )?cookie.*|çerez(?:ler)?.* kullan.*|本网站使用cookie.*"
)
SHORT_WORDS = 8
NOTICE_WORDS = 80
_SHORT = re.compile(r"^(?:" + "|".join(_SHORT_LINES.values()) + r")$", re.IGNORECASE)
_NOTICE = re.compile(r"^(?:" + _NOTICES + r")$", re.IGNORECASE)
# A share row: only network names and separators ("Facebook · Twitter · WhatsApp · Telegram").
_SHARE_ROW = re.compile(
    r"^(?:(?:facebook|twitter|x|whatsapp|telegram|vk|вконтакте|одноклассники|ok|linkedin|e-?mail"
    r"|pinterest|reddit|viber|weibo|微博|微信|wechat|flipboard|xing)[\s|·•,/]*){2,}$",
    re.IGNORECASE,
)


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture in one of the languages above."""
    text = line.strip()
    if not text or len(text) > 1000:
        return False
    n = len(text.split())
    if n <= SHORT_WORDS and (_SHORT.match(text) or _SHARE_ROW.match(text)):
        return True
    return n <= NOTICE_WORDS and bool(_NOTICE.match(text))
