#!/usr/bin/env python3
"""Writes the team's test mails (testdata/*.eml).

The mails are written by the mekiki team for tests; every domain, address
and IP in them is made up (IPs from the RFC 5737 documentation ranges).
Python is used only because its codecs give exact control over the bytes
(split ISO-2022-JP encoded-words, mislabelled Shift_JIS, raw 8-bit
headers). Run from the repository root: python3 testdata/gen_fixtures.py
"""
import base64, os, quopri

OUT = os.path.dirname(os.path.abspath(__file__))

def b64(b):
    return base64.b64encode(b).decode()

def auth_pass(mailfrom, dkim=None, header_from=None):
    """Authentication-Results of the receiving MX with SPF, DKIM and DMARC passing."""
    return ("Authentication-Results: mx1.example-corp.co.jp; spf=pass smtp.mailfrom=%s;\n"
            "\tdkim=pass header.d=%s header.s=s1; dmarc=pass header.from=%s\n"
            % (mailfrom, dkim or mailfrom, header_from or mailfrom))


def ew(text, charset, codec=None):
    return "=?%s?B?%s?=" % (charset, b64(text.encode(codec or charset)))

# CP50220 writes IBM extended kanji (CP932 0xFA40-0xFC4B) as their
# NEC-selected equivalents (0xED40-0xEEFC), which fall in JIS rows 89-92.
NEC_SELECTED = {}
for lead in (0xED, 0xEE):
    for trail in range(0x40, 0xFD):
        try:
            NEC_SELECTED.setdefault(bytes([lead, trail]).decode("cp932"), bytes([lead, trail]))
        except UnicodeDecodeError:
            pass

def to_cp50220_sjis(text):
    out = bytearray()
    for ch in text:
        b = ch.encode("cp932")
        if len(b) == 2 and 0xFA <= b[0] <= 0xFC and ch in NEC_SELECTED:
            b = NEC_SELECTED[ch]
        out += b
    return bytes(out)

def sjis_to_jis(sjis):
    """CP932 bytes -> ISO-2022-JP-MS bytes: JIS X 0208 rows incl. NEC row 13
    and rows 89-92, half-width katakana as ESC ( I (CP50221)."""
    out, i, mode = bytearray(), 0, "ascii"
    def switch(m):
        nonlocal mode
        if mode != m:
            out.extend({"ascii": b"\x1b(B", "kanji": b"\x1b$B", "kana": b"\x1b(I"}[m])
            mode = m
    while i < len(sjis):
        c = sjis[i]
        if c < 0x80:
            switch("ascii"); out.append(c); i += 1; continue
        if 0xA1 <= c <= 0xDF:
            switch("kana"); out.append(c - 0x80); i += 1; continue
        c2 = sjis[i + 1]
        if c >= 0xE0: c -= 0x40
        row = (c - 0x81) * 2 + 0x21
        if c2 >= 0x9F:
            row += 1; cell = c2 - 0x9F + 0x21
        else:
            cell = c2 - 0x40 + 0x21 - (1 if c2 >= 0x80 else 0)
        switch("kanji"); out += bytes([row, cell]); i += 2
    switch("ascii")
    return bytes(out)

def write(name, data):
    if isinstance(data, str):
        data = data.encode("ascii")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data.replace(b"\n", b"\r\n") if name.endswith("-crlf.eml") else data)

RX = ("Received: from mx1.example-corp.co.jp (mx1.example-corp.co.jp [10.0.0.5])\n"
      "\tby mbox.example-corp.co.jp (Postfix) with ESMTP id 4AB12;\n"
      "\t{date}\n")

# 1. ISO-2022-JP phishing: Amazon claimed, subject split mid-character across
#    two encoded-words, foreign envelope, free-mail Reply-To, receiver says
#    SPF and DMARC failed.
subj = "【重要】Amazonアカウントの確認が必要です"
jis = subj.encode("iso2022_jp")
cut = jis.index(b"\x1b$B", 5) + 7          # inside a two-byte character
name = "Amazon.co.jp お客様サポート"
body = ("Amazon お客様\n\n"
        "お客様のアカウントで不審なログインが検出されました。\n"
        "24時間以内に以下のリンクから本人確認を行ってください。\n"
        "確認が完了しない場合、アカウントは停止されます。\n\n"
        "http://amaz0n-co-jp.verify-account.top/signin\n\n"
        "Amazon.co.jp カスタマーサービス\n")
write("phish-iso2022jp-amazon.eml", (
    "Return-Path: <bounce@bulk-mailer.example.net>\n"
    "Delivered-To: hanako@example-corp.co.jp\n"
    "Authentication-Results: mx1.example-corp.co.jp; spf=fail smtp.mailfrom=bulk-mailer.example.net;\n"
    "\tdkim=none; dmarc=fail (p=reject) header.from=amazon-support.verify-account.top\n"
    + RX.format(date="Tue, 24 Nov 2026 09:12:03 +0900 (JST)") +
    "Received: from smtp.bulk-mailer.example.net (unknown [203.0.113.45])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTP id 99F01\n"
    "\tfor <hanako@example-corp.co.jp>; Tue, 24 Nov 2026 09:12:02 +0900 (JST)\n"
    "From: " + ew(name, "ISO-2022-JP", "iso2022_jp") + " <no-reply@amazon-support.verify-account.top>\n"
    "Reply-To: amazon.jp.help@gmail.com\n"
    "To: hanako@example-corp.co.jp\n"
    "Subject: =?ISO-2022-JP?B?" + b64(jis[:cut]) + "?=\n =?ISO-2022-JP?B?" + b64(jis[cut:]) + "?=\n"
    "Date: Tue, 24 Nov 2026 09:11:58 +0900\n"
    "Message-ID: <20261124091158.7F3A@mailer.verify-account.top>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=ISO-2022-JP\n"
    "Content-Transfer-Encoding: 7bit\n\n").encode() + body.encode("iso2022_jp"))

# 2. Genuine Amazon.co.jp order confirmation: DKIM, SPF and DMARC pass at the
#    receiver; Message-ID and Return-Path are Amazon's own.
html = ("<html><head><meta charset=\"utf-8\"><title>Amazon.co.jp ご注文の確認</title></head><body>"
        "<p>山田 花子 様</p><p>Amazon.co.jp をご利用いただき、ありがとうございます。</p>"
        "<p>ご注文番号 250-1234567-1234567</p>"
        "<p><a href=\"https://www.amazon.co.jp/gp/css/order-history\">注文履歴を表示</a></p>"
        "<p><a href=\"https://www.amazon.co.jp/gp/help/customer/display.html\">ヘルプ</a></p></body></html>")
text = "山田 花子 様\n\nAmazon.co.jp をご利用いただき、ありがとうございます。\nご注文番号 250-1234567-1234567\n注文履歴: https://www.amazon.co.jp/gp/css/order-history\n"
write("legit-amazon-order.eml", (
    "Return-Path: <20261124001234abcdef@bounces.amazon.co.jp>\n"
    "Delivered-To: hanako@example-corp.co.jp\n"
    "Authentication-Results: mx1.example-corp.co.jp; spf=pass smtp.mailfrom=bounces.amazon.co.jp;\n"
    "\tdkim=pass header.d=amazon.co.jp header.s=selector1; dmarc=pass header.from=amazon.co.jp\n"
    + RX.format(date="Tue, 24 Nov 2026 10:00:03 +0900 (JST)") +
    "Received: from a27-5.smtp-out.amazonses.com (a27-5.smtp-out.amazonses.com [54.240.27.5])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTPS id 11A02\n"
    "\tfor <hanako@example-corp.co.jp>; Tue, 24 Nov 2026 10:00:02 +0900 (JST)\n"
    "DKIM-Signature: v=1; a=rsa-sha256; d=amazon.co.jp; s=selector1; h=From:To:Subject; bh=AAAA; b=BBBB\n"
    "From: \"Amazon.co.jp\" <auto-confirm@amazon.co.jp>\n"
    "To: hanako@example-corp.co.jp\n"
    "Subject: " + ew("Amazon.co.jp ご注文の確認", "UTF-8", "utf-8") + "\n"
    "Date: Tue, 24 Nov 2026 01:00:00 +0000\n"
    "Message-ID: <0101019abcdef-1234@email.amazon.com>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/alternative; boundary=\"alt-1\"\n\n"
    "--alt-1\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n").encode()
    + quopri.encodestring(text.encode("utf-8")) +
    b"\n--alt-1\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    + quopri.encodestring(html.encode("utf-8")) + b"\n--alt-1--\n")

# 3. Newsletter through an ESP: Return-Path is the ESP's bounce domain, DKIM
#    aligns with From. Must not be a high header mismatch.
write("legit-esp-newsletter.eml", (
    "Return-Path: <bounces+1234-abcd=example-corp.co.jp@em1234.sendgrid.net>\n"
    "Delivered-To: taro@example-corp.co.jp\n"
    "Authentication-Results: mx1.example-corp.co.jp; spf=pass smtp.mailfrom=em1234.sendgrid.net;\n"
    "\tdkim=pass header.d=news.kitchen-goods.example; dmarc=pass header.from=news.kitchen-goods.example\n"
    + RX.format(date="Mon, 23 Nov 2026 18:00:03 +0900 (JST)") +
    "Received: from o1.ptr1234.sendgrid.net (o1.ptr1234.sendgrid.net [198.51.100.21])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTPS id 22B03; Mon, 23 Nov 2026 18:00:02 +0900 (JST)\n"
    "From: " + ew("キッチン用品のお店 ニュース", "UTF-8", "utf-8") + " <info@news.kitchen-goods.example>\n"
    "To: taro@example-corp.co.jp\n"
    "Subject: " + ew("【冬のセール】土鍋が20%オフ", "UTF-8", "utf-8") + "\n"
    "Date: Mon, 23 Nov 2026 09:00:00 +0000\n"
    "Message-ID: <abc123.456@geopod-ismtpd-7.sendgrid.net>\n"
    "List-Unsubscribe: <https://news.kitchen-goods.example/unsubscribe?u=1234>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n").encode()
    + base64.encodebytes("<p>いつもご利用ありがとうございます。</p><p><a href=\"https://u1234.ct.sendgrid.net/ls/click?upn=abc\">セール会場へ</a></p>".encode("utf-8")))

# 4. Shift_JIS labelled CP932 (header and body), Sumitomo Mitsui Card claimed
#    from a free-mail address.
body = "三井住友カード会員様\n\nお客様のカードに不正利用の可能性があります。\n下記よりご確認ください。\nhttps://smbc-card-check.example.top/vpass\n"
write("phish-cp932-freemail.eml", (
    "Delivered-To: jiro@example-corp.co.jp\n"
    + RX.format(date="Sun, 22 Nov 2026 21:00:03 +0900 (JST)") +
    "Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [192.0.2.41])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTPS id 33C04; Sun, 22 Nov 2026 21:00:02 +0900 (JST)\n"
    "From: " + ew("三井住友カード", "CP932", "cp932") + " <smbc.card.info2026@gmail.com>\n"
    "To: jiro@example-corp.co.jp\n"
    "Subject: " + ew("【三井住友カード】ご利用確認のお願い", "CP932", "cp932") + "\n"
    "Date: Sun, 22 Nov 2026 21:00:00 +0900\n"
    "Message-ID: <CAF+abc123@mail.gmail.com>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=CP932\nContent-Transfer-Encoding: 8bit\n\n").encode() + body.encode("cp932"))

# 5. ISO-2022-JP-MS extras (①, ㈱, ～ as CP932 0x8160 written in JIS) in a
#    colleague's internal mail; receiver-side authentication passes.
subj = "①会議室予約の件（㈱サンプル商事）"
body = "各位\n\n①会議室は10時～12時で予約しました。\n㈱サンプル商事の髙橋様と﨑山様が来社されます。\n受付でﾊﾝｶｸｶﾀｶﾅの名札をお渡しください。\n\n総務部 鈴木\n"
write("legit-iso2022jp-ms-internal.eml", (
    "Return-Path: <suzuki@example-corp.co.jp>\n"
    "Delivered-To: hanako@example-corp.co.jp\n"
    "Authentication-Results: mx1.example-corp.co.jp; spf=pass smtp.mailfrom=example-corp.co.jp;\n"
    "\tdkim=pass header.d=example-corp.co.jp; dmarc=pass header.from=example-corp.co.jp\n"
    + RX.format(date="Mon, 23 Nov 2026 08:30:03 +0900 (JST)") +
    "Received: from pc-123.example-corp.co.jp (pc-123.example-corp.co.jp [10.1.2.3])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTPSA id 44D05; Mon, 23 Nov 2026 08:30:02 +0900 (JST)\n"
    "From: =?ISO-2022-JP?B?" + b64(sjis_to_jis("鈴木 一郎".encode("cp932"))) + "?= <suzuki@example-corp.co.jp>\n"
    "To: hanako@example-corp.co.jp\n"
    "Subject: =?ISO-2022-JP?B?" + b64(sjis_to_jis(subj.encode("cp932"))) + "?=\n"
    "Date: Mon, 23 Nov 2026 08:30:00 +0900\n"
    "Message-ID: <5f1e2d3c@example-corp.co.jp>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n").encode()
    + sjis_to_jis(to_cp50220_sjis(body)))

# 6. Raw 8-bit Shift_JIS headers with no charset anywhere; an upstream filter
#    stamped the subject and X-Spam-Flag.
write("phish-sjis-raw-headers.eml",
    b"Received: from smtp.delivery-notice.example.net (smtp.delivery-notice.example.net [203.0.113.77])\n"
    b"\tby mx.isp-mail.example.ne.jp with ESMTP id 55E06; Sat, 21 Nov 2026 12:00:02 +0900\n"
    b"X-Spam-Flag: YES\n"
    b"X-Spam-Status: Yes, score=9.1 required=5.0\n"
    b"From: " + "ヤマト運輸".encode("cp932") + b" <info@delivery-notice.example.net>\n"
    b"To: user@isp-mail.example.ne.jp\n"
    b"Subject: " + "[迷惑メール] お荷物のお届けについて".encode("cp932") + b"\n"
    b"Date: Sat, 21 Nov 2026 12:00:00 +0900\n"
    b"Message-ID: <a1b2c3@delivery-notice.example.net>\n"
    b"MIME-Version: 1.0\n"
    b"Content-Type: text/plain\n\n"
    + "お荷物をお届けにあがりましたが不在のため持ち帰りました。\n再配達はこちら https://yamato-redelivery.example.net/r\n".encode("cp932"))

# 7. Shift_JIS body labelled ISO-2022-JP (a common mislabel), personal mail.
write("legit-sjis-labelled-jis.eml", (
    "Received: from mail.friend-isp.example.jp (mail.friend-isp.example.jp [198.51.100.30])\n"
    "\tby mx.isp-mail.example.ne.jp with ESMTP id 66F07; Fri, 20 Nov 2026 20:00:02 +0900\n"
    "From: " + ew("田中 次郎", "ISO-2022-JP", "iso2022_jp") + " <tanaka@friend-isp.example.jp>\n"
    "To: user@isp-mail.example.ne.jp\n"
    "Subject: " + ew("週末の予定", "ISO-2022-JP", "iso2022_jp") + "\n"
    "Date: Fri, 20 Nov 2026 20:00:00 +0900\n"
    "Message-ID: <xyz789@friend-isp.example.jp>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=iso-2022-jp\nContent-Transfer-Encoding: 8bit\n\n").encode()
    + "土曜日は駅前の喫茶店で会いましょう。表示できない文字はありませんか？\n".encode("cp932"))

# 8. EUC-JP, with an mbox "From " line in front (as archives store it).
write("legit-eucjp-mbox.eml", (
    "From tanaka@friend-isp.example.jp Fri Nov 20 21:00:00 2026\n"
    "Received: from mail.friend-isp.example.jp (mail.friend-isp.example.jp [198.51.100.30])\n"
    "\tby mx.isp-mail.example.ne.jp with ESMTP id 77A08; Fri, 20 Nov 2026 21:00:02 +0900\n"
    "From: " + ew("田中 次郎", "EUC-JP", "euc_jp") + " <tanaka@friend-isp.example.jp>\n"
    "To: user@isp-mail.example.ne.jp\n"
    "Subject: " + ew("写真を送ります", "EUC-JP", "euc_jp") + "\n"
    "Date: Fri, 20 Nov 2026 21:00:00 +0900\n"
    "Message-ID: <xyz790@friend-isp.example.jp>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=EUC-JP\nContent-Transfer-Encoding: 8bit\n\n").encode()
    + "先日の旅行の写真です。高橋さんにも渡してください。\n".encode("euc_jp"))

# 9. HTML whose charset is declared only in its <meta>; えきねっと claimed from
#    a lookalike domain; links with anchor text, a form and a meta refresh.
html = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
        "<meta http-equiv=\"refresh\" content=\"30; url=https://eki-net.account-check.example.cn/r\">"
        "<title>えきねっと</title><style>.x{color:red}</style><script>var a='えきねっと';</script></head><body>"
        "<p>えきねっとをご利用いただきありがとうございます。</p>"
        "<p><a href=\"https://eki-net.account-check.example.cn/login\">https://www.eki-net.com/</a></p>"
        "<form action=\"https://eki-net.account-check.example.cn/post\"><input name=\"id\"></form>"
        "<p>&copy; East Japan Railway Company</p></body></html>")
write("phish-html-meta-charset.eml", (
    "Received: from vps-1.example-hosting.net (vps-1.example-hosting.net [203.0.113.99])\n"
    "\tby mx.isp-mail.example.ne.jp with ESMTP id 88B09; Thu, 19 Nov 2026 07:00:02 +0900\n"
    "From: " + ew("えきねっと", "UTF-8", "utf-8") + " <info@eki-net-support.example.com>\n"
    "To: user@isp-mail.example.ne.jp\n"
    "Subject: " + ew("【えきねっと】アカウント自動退会処理のお知らせ", "UTF-8", "utf-8") + "\n"
    "Date: Thu, 19 Nov 2026 07:00:00 +0900\n"
    "Message-ID: <m1@eki-net-support.example.com>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n").encode()
    + quopri.encodestring(html.encode("cp932")))

# 10. Windows-1252 English PayPal phishing with a free-mail Reply-To.
write("phish-latin1-paypal.eml", (
    "Received: from relay.cheap-vps.example.org (relay.cheap-vps.example.org [192.0.2.150])\n"
    "\tby mx.mail-provider.example.com with ESMTP id 99C10; Wed, 18 Nov 2026 03:00:02 +0000\n"
    "From: \"PayPal Service\" <service@paypal-resolution.example.org>\n"
    "Reply-To: paypal.resolution.team@outlook.com\n"
    "To: someone@mail-provider.example.com\n"
    "Subject: =?windows-1252?Q?Your_account_has_been_limited_=96_action_required?=\n"
    "Date: Wed, 18 Nov 2026 03:00:00 +0000\n"
    "Message-ID: <p1@paypal-resolution.example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n").encode()
    + "Dear customer,\n\nWe\x92ve limited your account. Please confirm your identity \x96 it only takes a minute:\nhttp://paypal-resolution.example.org/confirm\n\nCaf\xe9 PayPal team\n".encode("latin-1"))

# 11. Encoded-word edge cases: Q with underscores, several words in one
#     header, folding, words with no space between them, an encoded word in
#     a quoted display name, and a UTF-8 label on Shift_JIS bytes.
write("legit-encoded-word-edge.eml", (
    "Received: from mail.partner.example.co.jp (mail.partner.example.co.jp [198.51.100.40])\n"
    "\tby mx.isp-mail.example.ne.jp with ESMTP id 10D11; Tue, 17 Nov 2026 10:00:02 +0900\n"
    "From: \"=?UTF-8?B?" + b64("佐藤".encode()) + "?= =?UTF-8?Q?_=E8=8A=B1=E5=AD=90?=\" <sato@partner.example.co.jp>\n"
    "To: user@isp-mail.example.ne.jp\n"
    "Cc: =?UTF-8?B?" + b64("営業部".encode()) + "?= <sales@partner.example.co.jp>,\n \"Ito, Ken\" <ito@partner.example.co.jp>\n"
    "Subject: =?UTF-8?Q?Re:_=E8=A6=8B=E7=A9=8D=E6=9B=B8?=\n =?UTF-8?B?" + b64("の件".encode()) + "?==?UTF-8?B?" + b64("（第2版）".encode()) + "?=\n"
    "  =?UTF-8?B?" + b64("ご確認ください".encode("cp932")) + "?= and more\n"
    "Date: Tue, 17 Nov 2026 10:00:00 +0900\n"
    "Message-ID: <e1@partner.example.co.jp>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n").encode()
    + base64.encodebytes("見積書の第2版をお送りします。".encode()))

# 12. Nested multiparts with an RFC 2231 file name (plain and continued).
pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
write("legit-rfc2231-invoice.eml", (
    "Received: from mail.partner.example.co.jp (mail.partner.example.co.jp [198.51.100.40])\n"
    "\tby mx.isp-mail.example.ne.jp with ESMTP id 12E12; Mon, 16 Nov 2026 15:00:02 +0900\n"
    "From: " + ew("経理部", "UTF-8", "utf-8") + " <keiri@partner.example.co.jp>\n"
    "To: user@isp-mail.example.ne.jp\n"
    "Subject: " + ew("11月分請求書の送付", "UTF-8", "utf-8") + "\n"
    "Date: Mon, 16 Nov 2026 15:00:00 +0900\n"
    "Message-ID: <inv1@partner.example.co.jp>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
    "--mix\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
    "--alt\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
    + b64("11月分の請求書を添付します。".encode()) + "\n"
    "--alt\nContent-Type: multipart/related; boundary=\"rel\"\n\n"
    "--rel\nContent-Type: text/html; charset=UTF-8\n\n<p>11月分の請求書を添付します。</p><img src=\"cid:logo\">\n"
    "--rel\nContent-Type: image/png\nContent-ID: <logo>\nContent-Transfer-Encoding: base64\n\n"
    + b64(b"\x89PNG\r\n\x1a\n0000") + "\n--rel--\n--alt--\n"
    "--mix\nContent-Type: application/pdf\nContent-Disposition: attachment;\n"
    " filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8_11%E6%9C%88.pdf\nContent-Transfer-Encoding: base64\n\n"
    + b64(pdf) + "\n"
    "--mix\nContent-Type: text/csv\nContent-Disposition: attachment;\n"
    " filename*0*=ISO-2022-JP''" + "".join("%%%02X" % c for c in "明細".encode("iso2022_jp")) + ";\n"
    " filename*1=\".csv\"\nContent-Transfer-Encoding: base64\n\n"
    + b64("品目,金額\n".encode()) + "\n--mix--\n").encode())

# 13. Own organisation spoofed from outside.
write("phish-own-domain-spoof.eml", (
    "Return-Path: <admin@example-corp.co.jp>\n"
    "Delivered-To: hanako@example-corp.co.jp\n"
    "Authentication-Results: mx1.example-corp.co.jp; spf=fail smtp.mailfrom=example-corp.co.jp;\n"
    "\tdkim=none; dmarc=fail header.from=example-corp.co.jp\n"
    + RX.format(date="Sun, 15 Nov 2026 02:00:03 +0900 (JST)") +
    "Received: from bulk.sender-vps.example.net (bulk.sender-vps.example.net [198.51.100.7])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTP id 13F13; Sun, 15 Nov 2026 02:00:02 +0900 (JST)\n"
    "From: " + ew("システム管理者", "UTF-8", "utf-8") + " <admin@example-corp.co.jp>\n"
    "To: hanako@example-corp.co.jp\n"
    "Subject: " + ew("メールボックスの容量が上限に達しました", "UTF-8", "utf-8") + "\n"
    "Date: Sun, 15 Nov 2026 02:00:00 +0900\n"
    "Message-ID: <q1@bulk.sender-vps.example.net>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
    "容量を増やすには https://mailbox-quota.example.net/login からサインインしてください。\n").encode())

# 14. A forged "pass" below the hand-off is ignored; the receiver's own
#     results (DKIM fail, SPF softfail) count. Microsoft claimed.
write("phish-forged-authres.eml", (
    "Authentication-Results: mx1.example-corp.co.jp; spf=softfail smtp.mailfrom=notify.ms-account-team.example.com;\n"
    "\tdkim=fail header.d=ms-account-team.example.com; dmarc=none header.from=ms-account-team.example.com\n"
    + RX.format(date="Sat, 14 Nov 2026 11:00:03 +0900 (JST)") +
    "Received: from notify.ms-account-team.example.com (notify.ms-account-team.example.com [192.0.2.200])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTP id 14A14; Sat, 14 Nov 2026 11:00:02 +0900 (JST)\n"
    "Authentication-Results: mx1.example-corp.co.jp; spf=pass smtp.mailfrom=microsoft.com; dkim=pass header.d=microsoft.com; dmarc=pass header.from=microsoft.com\n"
    "From: \"Microsoft アカウント チーム\" <security@ms-account-team.example.com>\n"
    "To: hanako@example-corp.co.jp\n"
    "Delivered-To: hanako@example-corp.co.jp\n"
    "Subject: =?UTF-8?B?" + b64("Microsoft アカウントのセキュリティ警告".encode()) + "?=\n"
    "Date: Sat, 14 Nov 2026 11:00:00 +0900\n"
    "Message-ID: <r1@ms-account-team.example.com>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n\n"
    "お客様の Microsoft アカウントで異常なサインインがありました。\n").encode())

# 15. The receiver recorded no SPF or DKIM at all for a brand's notice.
write("phish-auth-missing-paypay.eml", (
    "Authentication-Results: mx1.example-corp.co.jp; spf=none smtp.mailfrom=paypay-campaign.example.jp; dkim=none\n"
    + RX.format(date="Fri, 13 Nov 2026 19:00:03 +0900 (JST)") +
    "Received: from paypay-campaign.example.jp (unknown [203.0.113.12])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTP id 15B15; Fri, 13 Nov 2026 19:00:02 +0900 (JST)\n"
    "From: PayPay <info@paypay-campaign.example.jp>\n"
    "To: hanako@example-corp.co.jp\n"
    "Delivered-To: hanako@example-corp.co.jp\n"
    "Subject: =?UTF-8?B?" + b64("PayPayポイント付与のお知らせ".encode()) + "?=\n"
    "Date: Fri, 13 Nov 2026 19:00:00 +0900\n"
    "Message-ID: <s1@paypay-campaign.example.jp>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n\n"
    "ポイントを受け取るにはログインしてください。\n").encode())

# 16. MIME nested deeper than the default limit (16).
depth = 30
parts = "".join("--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n" % (i, i + 1) for i in range(depth))
parts += "--b%d\nContent-Type: text/plain\n\ndeep\n--b%d--\n" % (depth, depth)
parts += "".join("--b%d--\n" % i for i in reversed(range(depth)))
write("edge-deep-nesting.eml", (
    "Received: from sender.example.org (sender.example.org [192.0.2.9])\n"
    "\tby mx.mail-provider.example.com with ESMTP id 16C16; Thu, 12 Nov 2026 10:00:02 +0000\n"
    "From: someone@sender.example.org\nTo: someone@mail-provider.example.com\nSubject: nested\n"
    "Date: Thu, 12 Nov 2026 10:00:00 +0000\nMessage-ID: <n1@sender.example.org>\nMIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"b0\"\n\n" + parts))

# 17. A list post whose author's domain publishes strict DMARC: the list
#     rewrites From to itself and keeps the author in Reply-To (CRLF lines).
write("legit-list-dmarc-rewrite-crlf.eml", (
    "Received: from lists.example.org (lists.example.org [198.51.100.60])\n"
    "\tby mx.isp-mail.example.ne.jp with ESMTP id 17D17; Wed, 11 Nov 2026 09:00:02 +0900\n"
    "From: \"Ken Ito via Dev-users\" <dev-users@lists.example.org>\n"
    "Reply-To: Ken Ito <ken@strict-dmarc.example.com>\n"
    "To: dev-users@lists.example.org\n"
    "Subject: [Dev-users] Re: build fails on arm64\n"
    "Date: Wed, 11 Nov 2026 09:00:00 +0900\n"
    "Message-ID: <l1@strict-dmarc.example.com>\n"
    "List-Id: <dev-users.lists.example.org>\n"
    "List-Post: <mailto:dev-users@lists.example.org>\n"
    "Sender: \"Dev-users\" <dev-users-bounces@lists.example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n\n"
    "It builds with the patch from Microsoft's toolchain notes; Microsoft fixed it in their SDK.\n"))
# 18-24. Link tricks, one per mail, and a genuine newsletter full of honest
#        links. HTML in UTF-8; every domain is made up or a brand's real one.
def link_mail(name, frm, to, subject, html, extra=""):
    write(name, (
        "Received: from mailer.sender-host.example (mailer.sender-host.example [203.0.113.80])\n"
        "\tby mx1.example-corp.co.jp (Postfix) with ESMTP id L%s\n"
        "\tfor <%s>; Tue, 24 Nov 2026 11:00:02 +0900 (JST)\n" % (name[:6], to) + extra +
        "From: " + frm + "\nTo: " + to + "\nSubject: " + ew(subject, "UTF-8", "utf-8") + "\n"
        "Date: Tue, 24 Nov 2026 11:00:00 +0900\nMessage-ID: <" + name + "@sender-host.example>\n"
        "MIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n").encode()
        + html.encode("utf-8"))

link_mail("link-lookalike-microsoft.eml", ew("Microsoftアカウントチーム", "UTF-8", "utf-8") + " <info@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "Microsoft アカウントの異常なサインイン",
    "<p>お客様のアカウントで不審の動きが検出されました。</p>\n"
    "<p><a href=\"http://rec0very-supp0rt-micr0s0ft.org/\">今すぐ認証</a></p>\n")

link_mail("link-workers-ddns.eml", "\"Security Center\" <notice@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "アカウント確認のお願い",
    "<p>以下のページで確認してください。</p>\n"
    "<p><a href=\"https://checkid.ddnsking.com/verify\">https://account-check.portal-jp.workers.dev/</a></p>\n")

link_mail("link-brand-subdomain.eml", ew("Amazon", "UTF-8", "utf-8") + " <shop@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "Amazonプライムの自動更新を停止しました",
    "<p>お支払い方法を更新してください。</p>\n"
    "<p><a href=\"http://www.anzcam-co-jp.amaezon.qniseg.top/\">Amazon にログイン</a></p>\n")

link_mail("link-brand-keyword.eml", "\"Office 365\" <alert@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "オフィスソフトの授権が24時間後に無効になります",
    "<p>プロダクトキーを確認してください。</p>\n"
    "<p><a href=\"https://support-securityprotection-office.com/renew\">ライセンスを確認する</a></p>\n")

link_mail("link-wordpress-recipient.eml", "\"Mail Admin\" <admin@mail.sender-host.example>",
    "hanako@techlive.tokyo", "メールボックスの容量が上限に達しました",
    "<p>受信できなかったメールが 5 通あります。</p>\n"
    "<p><a href=\"https://static.protecsys.com/wp-content/themes/mappro/twst.php?uid=hanako@techlive.tokyo\">メールを受け取る</a></p>\n")

link_mail("link-disguises.eml", "\"Apple\" <no-reply@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "Apple ID がロックされました",
    "<p><a href=\"https://xn--80ak6aa92e.com/id\">Apple ID を確認</a></p>\n"
    "<p><a href=\"https://www.google.com/url?q=https://apple-id-unlock.example.top/&amp;sa=D\">ロック解除</a></p>\n"
    "<p><a href=\"http://www.apple.com@198.51.100.7/signin\">https://www.apple.com/</a></p>\n"
    "<p><a href=\"https://bit.ly/3xAmPle\">詳しくはこちら</a></p>\n")

# A genuine shop newsletter: its own domain with DKIM, an ESP click tracker
# whose text shows the shop, images on CDNs, a link wrapped by the
# recipient's Safe Links gateway, partners' and brands' real domains.
link_mail("legit-newsletter-links.eml", ew("さくら書店", "UTF-8", "utf-8") + " <news@sakura-books.example.jp>",
    "hanako@example-corp.co.jp", "【さくら書店】冬の新刊フェアのお知らせ",
    "<p><img src=\"https://cdn.sakura-books.example.jp/banner.png\" alt=\"\"></p>\n"
    "<p><a href=\"https://u123.ct.sendgrid.net/ls/click?upn=aBcD1234\">https://www.sakura-books.example.jp/fair</a></p>\n"
    "<p><a href=\"https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.sakura-books.example.jp%2Fmypage&amp;data=05%7C01&amp;reserved=0\">マイページ</a></p>\n"
    "<p>お支払いは <a href=\"https://www.rakuten-card.co.jp/\">楽天カード</a>、<a href=\"https://www.smbc-card.com/\">三井住友カード</a>、"
    "<a href=\"https://pay.amazon.co.jp/\">Amazon Pay</a> が使えます。</p>\n"
    "<p><a href=\"https://sakura-books-assets.s3.ap-northeast-1.amazonaws.com/catalog.pdf\">カタログ (PDF)</a></p>\n"
    "<p><a href=\"https://login.microsoftonline.com/\">社内ポータル</a> <a href=\"https://www.facebook.com/sakurabooks\">Facebook</a></p>\n"
    "<p><a href=\"https://www.sakura-books.example.jp/unsubscribe?u=hanako%40example-corp.co.jp\">配信停止</a></p>\n",
    extra=auth_pass('sakura-books.example.jp'))

# 25-40. Content and attachments (issue 4). Each mail is multipart/mixed:
# an HTML body and attachments built here byte by byte (zip with real
# ZipCrypto encryption, a docm with a vbaProject.bin part, an ISO 9660
# volume descriptor, a shell-link header, PDFs with link annotations, QR
# images from testdata/genqr). No attachment is a working program: the
# "executables" are headers followed by zeros.
import io, struct, zipfile, zlib

def asset(name):
    with open(os.path.join(OUT, "assets", name), "rb") as f:
        return f.read()

def zip_bytes(entries):
    """entries: (name, data) pairs, deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in entries:
            # A fixed timestamp keeps the fixtures (and their SHA-256) stable.
            z.writestr(zipfile.ZipInfo(n, date_time=(2026, 11, 1, 9, 0, 0)), d, zipfile.ZIP_DEFLATED)
    return buf.getvalue()

def zipcrypto_bytes(entries, password):
    """A stored zip whose entries carry traditional PKWARE encryption
    (flag bit 0) and UTF-8 names (flag bit 11)."""
    def raw_crc(crc, b):
        return zlib.crc32(bytes([b]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF
    out, central = bytearray(), bytearray()
    for name, data in entries:
        k = [0x12345678, 0x23456789, 0x34567890]
        def update(c):
            k[0] = raw_crc(k[0], c)
            k[1] = ((k[1] + (k[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
            k[2] = raw_crc(k[2], k[1] >> 24)
        for c in password.encode():
            update(c)
        crc = zlib.crc32(data) & 0xFFFFFFFF
        plain = bytes(range(11)) + bytes([crc >> 24]) + data
        enc = bytearray()
        for p in plain:
            t = (k[2] | 2) & 0xFFFF
            enc.append(p ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            update(p)
        fn = name.encode()
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x801, 0, 0, 0, crc, len(enc), len(data), len(fn), 0) + fn + enc
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x801, 0, 0, 0, crc, len(enc), len(data),
                               len(fn), 0, 0, 0, 0, 0, off) + fn
    cd_off = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_off, 0)
    return bytes(out)

FAKE_EXE = b"MZ\x90\x00" + b"\x00" * 56 + struct.pack("<I", 64) + b"PE\x00\x00" + b"\x00" * 188
FAKE_LNK = bytes.fromhex("4c0000000114020000000000c000000000000046") + b"\x00" * 56
FAKE_ISO = b"\x00" * 0x8000 + b"\x01CD001\x01" + b"\x00" * (2048 - 7)
DOCM = zip_bytes([
    ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
     '<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'),
    ("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
    ("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    ("word/vbaProject.bin", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504),
])

def pdf_bytes(uri, compressed):
    """A one-page PDF with a link annotation to uri, written plainly or
    inside a Flate-compressed stream."""
    annot = ("<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI (%s) >> >>" % uri).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [4 0 R] >>"]
    if compressed:
        data = zlib.compress(b"4 0 " + annot)
        objs.append(b"<< /Type /ObjStm /N 1 /First 4 /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    else:
        objs.append(annot)
    out = bytearray(b"%PDF-1.7\n")
    for i, o in enumerate(objs):
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    out += b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return bytes(out)

def rfc2231(name):
    if all(ord(c) < 128 for c in name):
        return 'filename="%s"' % name
    from urllib.parse import quote
    return "filename*=UTF-8''" + quote(name.encode("utf-8"))

def attach_mail(name, frm, to, subject, html, files, extra="", received=None):
    """files: (filename, content type, bytes[, content-id for inline])."""
    b = "==mekiki-%s==" % name[:10]
    rx = received or ("Received: from mailer.sender-host.example (mailer.sender-host.example [203.0.113.80])\n"
        "\tby mx1.example-corp.co.jp (Postfix) with ESMTP id A%s\n"
        "\tfor <%s>; Tue, 24 Nov 2026 11:00:02 +0900 (JST)\n" % (name[:6], to))
    head = (rx + extra +
        "From: " + frm + "\nTo: " + to + "\nSubject: " + ew(subject, "UTF-8", "utf-8") + "\n"
        "Date: Tue, 24 Nov 2026 11:00:00 +0900\nMessage-ID: <" + name + "@" + frm.rsplit("@", 1)[1].rstrip(">") + ">\n"
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + b + "\"\n\n")
    body = ("--" + b + "\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n" +
            b64(html.encode("utf-8")) + "\n")
    for f in files:
        fn, ct, data = f[0], f[1], f[2]
        disp = "inline" if len(f) > 3 else "attachment"
        body += ("--" + b + "\nContent-Type: " + ct + "\nContent-Transfer-Encoding: base64\n"
                 "Content-Disposition: " + disp + "; " + rfc2231(fn) + "\n" +
                 ("Content-ID: <%s>\n" % f[3] if len(f) > 3 else "") + "\n")
        enc = b64(data)
        body += "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76)) + "\n"
    body += "--" + b + "--\n"
    write(name, (head + body).encode("utf-8"))

EXT = "\"Support\" <support@mail.sender-host.example>"
INTERNAL_RX = ("Received: from pc-042.example-corp.co.jp (pc-042.example-corp.co.jp [10.1.2.42])\n"
    "\tby mx1.example-corp.co.jp (Postfix) with ESMTPSA id I{n};\n"
    "\tTue, 24 Nov 2026 10:00:02 +0900 (JST)\n")

# Content: the full phishing pattern (greeting, deadline, credential
# request and an account-action link to a stranger's page).
attach_mail("content-credential-urgency.eml", ew("Amazon.co.jp", "UTF-8", "utf-8") + " <account@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "お支払い方法の確認が必要です",
    "<p>お客様各位</p><p>お支払い方法に問題が見つかりました。24時間以内にログインし、"
    "カード情報を再度入力してください。ご確認いただけない場合、アカウントは自動的に削除されます。</p>"
    "<p><a href=\"https://secure-center.example.net/session\">今すぐ確認</a></p>", [])

# Content: machine-translated Japanese with Simplified-Chinese characters.
attach_mail("content-machine-translation.eml", EXT, "hanako@example-corp.co.jp", "アカウントの異常のお知らせ",
    "<p>尊敬するお客様</p><p>あなたのアカウントに異常の状態が検出されました。カードのバインディングを"
    "確認するため、下記のリンクを点击して身分を検证してください。请尽快完成，否则账户将被冻结。</p>"
    "<p><a href=\"https://verify.example.net/card\">確認する</a></p>", [])

# Content: Japanese sextortion with a Bitcoin address (a BIP 173 test vector).
attach_mail("content-sextortion-ja.eml", EXT, "hanako@example-corp.co.jp", "あなたのデバイスをハッキングしました",
    "<p>私はあなたのデバイスをハッキングし、マルウェアを仕込みました。ウェブカメラであなたを録画しました。</p>"
    "<p>48時間以内に 1500 ドル相当のビットコインを次のアドレスに送金してください: "
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4</p><p>送金がない場合、動画をあなたの連絡先のすべてに送信します。</p>", [])

# Content: filter-poisoning words hidden three ways; the hidden words
# (パスワード, 至急) must not count as a request.
salad = ("天気 予報 旅行 料理 写真 音楽 映画 読書 散歩 季節 " * 12).strip()
attach_mail("content-hidden-salad.eml", EXT, "hanako@example-corp.co.jp", "ご案内",
    "<style>.pre{display:none}</style><p>新しいご案内があります。詳しくはサイトをご覧ください。</p>"
    "<div class=\"pre\">" + salad + "</div>"
    "<p style=\"color:#ffffff\">至急 パスワード を入力 " + salad + "</p>"
    "<span style=\"font-size:0px\">" + salad + "</span>"
    "<p><a href=\"https://news.example.net/\">サイトへ</a></p>", [])

# Attachments: a program named like a PDF, and a right-to-left override.
attach_mail("attach-double-ext.eml", EXT, "hanako@example-corp.co.jp", "請求書の送付",
    "<p>請求書を添付します。ご確認ください。</p>",
    [("請求書.pdf.exe", "application/pdf", FAKE_EXE),
     ("明細\u202efdp.scr", "application/octet-stream", FAKE_EXE)])

# Attachments: a zip holding a script and, one level down, a shortcut.
attach_mail("attach-zip-script.eml", EXT, "hanako@example-corp.co.jp", "注文書",
    "<p>注文書をお送りします。</p>",
    [("注文書.zip", "application/zip", zip_bytes([("注文書.pdf.js", "WScript.Echo('x');"),
                                                   ("inner.zip", zip_bytes([("見積書.lnk", FAKE_LNK)]))]))])

# Attachments: the Emotet habit, an encrypted zip from outside with its
# password in the same mail.
attach_mail("attach-encrypted-zip.eml", EXT, "hanako@example-corp.co.jp", "Re: お見積りの件",
    "<p>お世話になっております。資料を添付いたします。</p><p>パスワード: 8451</p>",
    [("資料.zip", "application/zip", zipcrypto_bytes([("資料.docm", DOCM)], "8451"))])

# Attachments: a Word document with a VBA project.
attach_mail("attach-macro-docm.eml", EXT, "hanako@example-corp.co.jp", "請求書",
    "<p>請求書をご確認ください。表示されない場合は「コンテンツの有効化」を押してください。</p>",
    [("請求書.docm", "application/vnd.ms-word.document.macroEnabled.12", DOCM)])

# Attachments: a disk image and a shortcut.
attach_mail("attach-iso-lnk.eml", EXT, "hanako@example-corp.co.jp", "配送のご案内",
    "<p>配送情報を添付しました。</p>",
    [("配送情報.iso", "application/octet-stream", FAKE_ISO), ("配送情報.lnk", "application/octet-stream", FAKE_LNK)])

# Attachments: a phishing page carried as an HTML attachment.
attach_mail("attach-html-form.eml", ew("Amazon", "UTF-8", "utf-8") + " <account@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "アカウント確認",
    "<p>添付のページからアカウントを確認してください。</p>",
    [("Amazon_確認.html", "text/html; charset=UTF-8", (
        "<html><body><h1>Amazon サインイン</h1>"
        "<form action=\"https://amazon-co-jp.signin.qniseg.top/post.php\" method=\"post\">"
        "<input name=\"email\"><input type=\"password\" name=\"pw\"><button>ログイン</button></form>"
        "<script>if(!window.x){window.location.href='https://amazon-co-jp.signin.qniseg.top/';}</script>"
        "</body></html>").encode("utf-8"))])

# Attachments: a PDF whose link hides in a compressed object stream, and a
# QR image (quishing), both leading to a brand lookalike.
attach_mail("attach-pdf-qr.eml", ew("Amazon", "UTF-8", "utf-8") + " <account@mail.sender-host.example>",
    "hanako@example-corp.co.jp", "お支払い情報の更新",
    "<p>添付の案内をご覧いただくか、QR コードを読み取ってください。</p><p><img src=\"cid:qr1\" alt=\"QR\"></p>",
    [("案内.pdf", "application/pdf", pdf_bytes("https://amazon-co-jp.billing.qniseg.top/update", True)),
     ("qr.png", "image/png", asset("qr-phish.png"), "qr1")])

# Legitimate: the company's IT department asks, urgently, to change a
# password on the company's own portal.
attach_mail("legit-it-password-notice.eml", "\"情報システム部\" <it-help@example-corp.co.jp>",
    "all-staff@example-corp.co.jp", "【至急】パスワード変更のお願い",
    "<p>社員各位</p><p>セキュリティ強化のため、至急パスワードを変更してください。"
    "期限は今月末です。変更は社内ポータルから行えます。</p>"
    "<p><a href=\"https://portal.example-corp.co.jp/password\">社内ポータル</a></p>", [],
    received=INTERNAL_RX.format(n=1),
    extra=auth_pass('example-corp.co.jp'))

# Legitimate: a bank's genuine warning that it never asks for passwords.
attach_mail("legit-bank-never-ask.eml", ew("三井住友銀行", "UTF-8", "utf-8") + " <info@dn.smbc.co.jp>",
    "hanako@example-corp.co.jp", "【三井住友銀行】当行をかたる不審なメールにご注意ください",
    "<p>いつも三井住友銀行をご利用いただきありがとうございます。</p>"
    "<p>当行をかたる不審なメールが確認されています。当行がメールでお客様のパスワードや暗証番号の入力を"
    "お願いすることはありません。不審なメールのリンクは開かず、削除してください。</p>"
    "<p><a href=\"https://www.smbc.co.jp/security/\">セキュリティについて</a></p>", [],
    extra=auth_pass('dn.smbc.co.jp', dkim='smbc.co.jp'))

# Legitimate: a supplier's invoice PDF linking to its own site.
attach_mail("legit-invoice-pdf.eml", ew("さくら書店", "UTF-8", "utf-8") + " <billing@sakura-books.example.jp>",
    "hanako@example-corp.co.jp", "【さくら書店】11月分ご請求書",
    "<p>いつもお世話になっております。11月分のご請求書をお送りします。</p>",
    [("請求書_2026-11.pdf", "application/pdf", pdf_bytes("https://www.sakura-books.example.jp/billing", False))],
    extra=auth_pass('sakura-books.example.jp'))

# Legitimate: the PPAP habit inside the company (encrypted zip, password
# sent separately).
attach_mail("legit-ppap-internal.eml", "\"経理部 佐藤\" <sato@example-corp.co.jp>",
    "tanaka@example-corp.co.jp", "経費精算資料の送付",
    "<p>田中さん</p><p>経費精算の資料を送ります。パスワードは別途お送りします。</p>",
    [("経費精算.zip", "application/zip", zipcrypto_bytes([("経費精算.xlsx", b"PK\x03\x04 not a real workbook")], "k7Qp2x"))],
    received=INTERNAL_RX.format(n=2),
    extra=auth_pass('example-corp.co.jp'))

# Legitimate: a newsletter with an inline QR code to the shop's own site.
attach_mail("legit-newsletter-qr.eml", ew("さくら書店", "UTF-8", "utf-8") + " <news@sakura-books.example.jp>",
    "hanako@example-corp.co.jp", "【さくら書店】冬の新刊フェア",
    "<p>冬の新刊フェアを開催します。スマートフォンで QR コードを読み取ってください。</p>"
    "<p><img src=\"cid:qr2\" alt=\"QR コード\"></p>",
    [("fair-qr.png", "image/png", asset("qr-legit.png"), "qr2")],
    extra=auth_pass('sakura-books.example.jp'))
print("fixtures written to", OUT)
