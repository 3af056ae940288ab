#!/usr/bin/env python3
"""Writes the team's hard-negative mails (eval/hardneg/*.eml): genuine-
looking Japanese brand notices sent from the brands' real domains and
authenticated by the receiving server. They say what phishing says
(ログイン, ご確認, 期限) because real notices do. Every mail, name and
address in them was written by the team; the domains are the brands'
real ones (kb/data/brands.yaml), the people are made up.

Run from the repository root: python3 eval/hardneg/gen.py
"""
import base64, os

OUT = os.path.dirname(os.path.abspath(__file__))
TO = "hanako.yamada@example-corp.co.jp"
RX = ("Received: from {host} ({host} [{ip}])\n"
      "\tby mx1.example-corp.co.jp (Postfix) with ESMTPS id 4Hx{n}\n"
      "\tfor <" + TO + ">; Mon, 23 Nov 2026 10:0{n}:00 +0900 (JST)\n")


def ew(s):
    return "=?UTF-8?B?" + base64.b64encode(s.encode()).decode() + "?="


def mail(name, display, addr, subject, html, host, ip, n, dkim=None):
    dom = addr.split("@")[1]
    d = dkim or dom
    head = RX.format(host=host, ip=ip, n=n)
    head += ("Authentication-Results: mx1.example-corp.co.jp; spf=pass smtp.mailfrom=%s;\n"
             "\tdkim=pass header.d=%s header.s=s1; dmarc=pass header.from=%s\n" % (dom, d, dom))
    head += "From: %s <%s>\nTo: %s\nSubject: %s\n" % (ew(display), addr, TO, ew(subject))
    head += "Date: Mon, 23 Nov 2026 10:0%d:00 +0900\nMessage-ID: <%s.%d@%s>\n" % (n, name, n, dom)
    head += "Return-Path: <bounce@%s>\n" % dom
    head += "MIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
    body = base64.encodebytes(("<html><body>" + html + "</body></html>").encode()).decode()
    with open(os.path.join(OUT, name + ".eml"), "w", newline="\r\n") as f:
        f.write(head + body)


mail("rakuten-card-statement", "楽天カード株式会社", "info@mail.rakuten-card.co.jp", "【楽天カード】ご利用明細確定のお知らせ",
     "<p>山田 花子 様</p><p>いつも楽天カードをご利用いただきありがとうございます。12月27日お支払い分のご利用明細が確定しました。</p>"
     "<p>ご利用明細の確認は楽天e-NAVIにログインしてご確認ください。</p>"
     "<p><a href=\"https://www.rakuten-card.co.jp/e-navi/\">楽天e-NAVIにログイン</a></p>"
     "<p>※楽天カードがメールでパスワードをお尋ねすることはありません。</p>",
     "mail.rakuten-card.co.jp", "202.72.50.10", 1)

mail("smbc-card-usage", "三井住友カード", "statement@vpass.ne.jp", "【三井住友カード】ご利用のお知らせ",
     "<p>山田 花子 様</p><p>三井住友カードをご利用いただきありがとうございます。お客様のカードのご利用がありましたのでお知らせします。</p>"
     "<p>ご利用日時：2026/11/22 18:42<br>ご利用先：コンビニエンスストア<br>ご利用金額：1,280円</p>"
     "<p>ご利用内容の詳細はVpassにログインしてご確認ください。お心当たりのない場合は、裏面の電話番号までご連絡ください。</p>"
     "<p><a href=\"https://www.smbc-card.com/mem/index.jsp\">Vpassログイン</a></p>",
     "mail.vpass.ne.jp", "210.150.96.20", 2)

mail("ekinet-reservation", "えきねっと", "info@eki-net.com", "【えきねっと】お申込み内容のご確認",
     "<p>山田 花子 様</p><p>えきねっとをご利用いただきありがとうございます。以下の内容でお申込みを承りました。</p>"
     "<p>乗車日：2026年12月29日<br>列車：はやぶさ 17号 東京→仙台<br>指定席 1名</p>"
     "<p>お受取りの期限は乗車日当日までです。期限内に受け取られない場合、お申込みは自動的に取り消されます。</p>"
     "<p><a href=\"https://www.eki-net.com/top/index.html\">えきねっとにログイン</a></p>",
     "mail.eki-net.com", "133.242.10.30", 3)

mail("mufg-transfer", "三菱UFJ銀行", "info@bk.mufg.jp", "【三菱UFJ銀行】お振込受付のお知らせ",
     "<p>山田 花子 様</p><p>三菱UFJダイレクトにて、以下のお振込を受け付けました。</p>"
     "<p>受付日時：2026年11月23日 09:58<br>お振込金額：35,000円</p>"
     "<p>お心当たりのない場合は、至急 三菱UFJダイレクト ヘルプデスクまでご連絡ください。当行がメールで暗証番号やパスワードの入力をお願いすることはございません。</p>"
     "<p><a href=\"https://www.bk.mufg.jp/\">三菱UFJ銀行</a></p>",
     "mail.bk.mufg.jp", "153.150.40.5", 4)

mail("docomo-bill", "NTTドコモ", "info@docomo.ne.jp", "【ドコモ】ご利用料金確定のお知らせ",
     "<p>いつもドコモをご利用いただきありがとうございます。2026年10月ご利用分の料金が確定しました。</p>"
     "<p>ご請求金額：4,928円（税込）<br>お支払い予定日：2026年11月26日</p>"
     "<p>ご利用料金の内訳はMy docomoでご確認いただけます。dアカウントでログインしてください。</p>"
     "<p><a href=\"https://www.docomo.ne.jp/mydocomo/\">My docomo</a></p>",
     "mail.docomo.ne.jp", "203.138.180.7", 5)

mail("yamato-delivery", "ヤマト運輸", "mail@kuronekoyamato.co.jp", "【ヤマト運輸】お荷物お届けのお知らせ",
     "<p>山田 花子 様</p><p>ヤマト運輸です。お荷物をお届けに伺う予定です。</p>"
     "<p>伝票番号：4512-3456-7890<br>お届け予定日時：11月24日 14時～16時</p>"
     "<p>お届け日時の変更は以下からお手続きください。</p>"
     "<p><a href=\"https://jizen.kuronekoyamato.co.jp/jizen/servlet/crjz.b.NQ0010?id=451234567890\">お届け日時を変更する</a></p>",
     "mail.kuronekoyamato.co.jp", "211.13.200.8", 6)

mail("amazon-shipped", "Amazon.co.jp", "shipment-tracking@amazon.co.jp", "Amazon.co.jp ご注文の商品を発送しました",
     "<p>山田 花子 様</p><p>Amazon.co.jp をご利用いただきありがとうございます。ご注文の商品を発送しました。</p>"
     "<p>注文番号：249-1234567-7654321<br>お届け予定：11月25日（水）</p>"
     "<p><a href=\"https://www.amazon.co.jp/gp/your-account/order-details?orderID=249-1234567-7654321\">注文内容を表示</a></p>"
     "<p>Amazon.co.jp がパスワードや支払い情報をメールでお尋ねすることはありません。</p>",
     "a27-1.smtp-out.us-west-2.amazonses.com", "54.240.27.1", 7, dkim="amazon.co.jp")

mail("aeon-card-password", "イオンカード", "info@aeon.co.jp", "【イオンカード】パスワード変更完了のお知らせ",
     "<p>山田 花子 様</p><p>暮らしのマネーサイトのパスワード変更を受け付けました。</p>"
     "<p>お客さまご自身で変更された場合、このメールへの対応は不要です。お心当たりのない場合は、至急イオンカードセンターまでお電話ください。</p>"
     "<p><a href=\"https://www.aeon.co.jp/\">イオンカード</a></p>",
     "mail.aeon.co.jp", "210.248.60.9", 8)
