package domain

import "testing"

// TestUnwrapFormats: one or more links per rewriting format, written as
// the services write them (the examples follow the public samples cited
// in rewriters.go, with trackers' tokens shortened), unwrapped to their
// target with the right kind.
func TestUnwrapFormats(t *testing.T) {
	tests := []struct {
		name, raw, target, kind string
	}{
		// Security gateways of the receiving side.
		{"safe links", "https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fhochwald.net%2F&data=04%7C01%7Cjoerg%40hochwald.net%7C6944b67827e54648125508d884babf16%7C0%7C0%7C637405284900251734%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C1000&sdata=qPb0a6MdRNuAzMIyLPlQ9iHPAufxNRywP2kKi%2FIHs%2FA%3D&reserved=0",
			"https://hochwald.net/", WrapGateway},
		{"safe links, data before url", "https://nam12.safelinks.protection.outlook.com/?data=05%7C02%7C&url=https%3A%2F%2Fevil.example%2Flogin&reserved=0",
			"https://evil.example/login", WrapGateway},
		{"safe links, GCC High", "https://gcc02.safelinks.protection.office365.us/?url=https%3A%2F%2Fevil.example%2Fx&data=05%7C01&reserved=0",
			"https://evil.example/x", WrapGateway},
		{"safe links in Teams", "https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fevil.example%2Fdoc&locale=en-us",
			"https://evil.example/doc", WrapGateway},
		{"proofpoint v1", "https://urldefense.proofpoint.com/v1/url?u=http://www.example.com/some-path_x&k=oIvRg1%2BdGAgOoM1BIlLLqw%3D%3D%0A&r=abc",
			"http://www.example.com/some-path_x", WrapGateway},
		{"proofpoint v2", "https://urldefense.proofpoint.com/v2/url?u=http-3A__www.example.org_url&d=BwdwBAg&c=TIwfCwdwWnrHy3gMA_uzZorHPsT2wfwvKrwfU",
			"http://www.example.org/url", WrapGateway},
		{"proofpoint v3", "https://urldefense.com/v3/__https://firebasestorage.googleapis.com/v0/b/gund-50757.appspot.com/o/owa*2Findex2gun.html?alt=media&token=02497332-ff04*vicky@rsrchxchange.com__;JSM!!Fjc1LPEtn8I!xxxxx-xxxxxxxx$",
			"https://firebasestorage.googleapis.com/v0/b/gund-50757.appspot.com/o/owa/index2gun.html?alt=media&token=02497332-ff04", WrapGateway},
		{"barracuda", "https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fservingconnecticut.com%2f&c=E,1,hA45iW0GZJdGWU2_lp0BOlPA2MbuJCyCSHBrRznoiP5v2BNJNsn5x0h4ADkZlBLeOHr2HP5RMLme4LozPT9vTxNK1gc3p9-xVDwmWt19f7h14J2cmx2_Ag,,&typo=1",
			"https://servingconnecticut.com/", WrapGateway},
		{"trend micro", "https://ddec1-0-en-ctp.trendmicro.com:443/wis/clicktime/v1/query?url=https%3a%2f%2flore.kernel.org%2flkml%2f87y1fzkq8c.wl%2dtiwai%40suse.de%2fT%2f&umid=6a6586e6-1bcb-48d2-8c0c-75ef6bb15df9&auth=53c7c7de28b92dfd96e93d9dd61a23e634d2fbec-090fe82db9a03f0dc8c4f214d4d2e2bf916e7f1f",
			"https://lore.kernel.org/lkml/87y1fzkq8c.wl-tiwai@suse.de/T/", WrapGateway},
		{"trend micro, url not encoded", "https://cas5-0-urlprotect.trendmicro.com/wis/clicktime/v1/query?url=https://drive.google.com/drive/folders/1W_Wg2FV?usp=drive_link&umid=1f2e17b0&rct=1761678757&auth=30c0fd8b",
			"https://drive.google.com/drive/folders/1W_Wg2FV?usp=drive_link", WrapGateway},
		{"trend micro, asiainfo edition", "https://ddei3-0-ctp.asiainfo-sec.com:443/wis/clicktime/v1/query?url=https%3A%2F%2Fcdn.bootcdn.net%2Fajax%2Flibs%2Fnormalize%2F8.0.1%2Fnormalize.min.css",
			"https://cdn.bootcdn.net/ajax/libs/normalize/8.0.1/normalize.min.css", WrapGateway},
		{"cisco", "https://secure-web.cisco.com/1fCCdfJv_BYjz_YqipXEJjGHlmXlnTXcGx0N5X1OG_Y5pJ1-vFLrWHrIUnRZxlA4wQ/https%3A%2F%2Fconnect.facebook.net%2Fen_US%2Ffbevents.js",
			"https://connect.facebook.net/en_US/fbevents.js", WrapGateway},
		{"cisco, target's query after the path", "https://secure-web.cisco.com/18tzQk3wGbk7ePZjMO6411xoWuCLDnaXx9TG7OhKZ/https%3A%2F%2Ftelenorcsms.com.pk%3A27677%2Fcorporate_sms2%2Fapi/sendsms.jsp?session_id=1&to=2",
			"https://telenorcsms.com.pk:27677/corporate_sms2/api/sendsms.jsp?session_id=1&to=2", WrapGateway},
		{"sophos", "https://eu-west-1.protection.sophos.com/?d=microsoft.com&u=aHR0cHM6Ly93d3cubWljcm9zb2Z0LmNvbS9saWNlbnNpbmcvc2VydmljZWNlbnRlci9kZWZhdWx0LmFzcHg=&",
			"https://www.microsoft.com/licensing/servicecenter/default.aspx", WrapGateway},
		{"sophos, base64 with +", "https://us-west-2.protection.sophos.com?d=evil.example&u=aHR0cHM6Ly9ldmlsLmV4YW1wbGUvYT94PX5+&i=NWY&t=T0p&h=4f1&s=1",
			"https://evil.example/a?x=~~", WrapGateway},
		{"symantec", "https://clicktime.symantec.com/3KG6rdmTz1vDaXhBTFLnHVX7Vc?u=https%3A%2F%2Fdeveloper.dxc.com%2Ftools%2Fangular%2Fnext%2F%23%2Fcomponents%2Fbutton",
			"https://developer.dxc.com/tools/angular/next/", WrapGateway},
		{"symantec, h= first", "https://clicktime.symantec.com/15xVSdMrXnLovyYq5pZa2?h=6gcezWKKNEfusErB_mpeb2v2Ta90v1Z3ldQdkkcdT2Y=&u=https://api.github.com/repos/x/y/code-scanning/alerts",
			"https://api.github.com/repos/x/y/code-scanning/alerts", WrapGateway},
		{"fireeye", "https://protect2.fireeye.com/v1/url?k=5bd95ebd-044267fb-5bd8d5f2-0cc47a3003e8-ce9db8ea264d6901&q=1&e=900556dc-d199-4c18-9432-5c3465a98eae&u=https%3A%2F%2Felixir.bootlin.com%2Flinux%2Flatest%2Fsource%2Finclude%2Fdrm%2Fdrm_mipi_dsi.h%23L129",
			"https://elixir.bootlin.com/linux/latest/source/include/drm/drm_mipi_dsi.h", WrapGateway},

		// Trackers and redirects.
		{"bing", "https://www.bing.com/ck/a?!&&p=296180a42e2189e4JmltdHM9MTcyNjM1ODQwMCZpZ3VpZD0yMDQ1MWQ4My0yM2RjLTZiNWYtMjI0Ny0wOTJhMjJkNDZhYzYmaW5zaWQ9NTE4NQ&ptn=3&ver=2&hsh=3&fclid=20451d83-23dc-6b5f-2247-092a22d46ac6&psq=AirBashX%2fUserScript&u=a1aHR0cHM6Ly9naXRodWIuY29tL0FpckJhc2hYL1VzZXJTY3JpcHQ&ntb=1",
			"https://github.com/AirBashX/UserScript", WrapRedirect},
		{"bing, url-safe alphabet", "https://www.bing.com/ck/a?!&&p=abc&u=a1aHR0cHM6Ly9ldmlsLmV4YW1wbGUvYT94PT8-&ntb=1",
			"https://evil.example/a?x=?>", WrapRedirect},
		{"google /url?q=", "https://www.google.com/url?q=https://evil.example/a&sa=D&source=editors&ust=1684593415394000&usg=AOvVaw16u70RZouwQwLMGFz6hYYB",
			"https://evil.example/a", WrapRedirect},
		{"google /url?url= on a country domain", "https://www.google.co.uk/url?sa=t&rct=j&url=https%3A%2F%2Fevil.example%2F&usg=AOvVaw0",
			"https://evil.example/", WrapRedirect},
		{"google amp, https", "https://www.google.com/amp/s/www.example.com/news/article.amp.html",
			"https://www.example.com/news/article.amp.html", WrapRedirect},
		{"google amp, http", "https://www.google.co.uk/amp/evil.example/K0dNMzJVU2RhZXo3dkhMbUwra1BPcnJiZnhU",
			"http://evil.example/K0dNMzJVU2RhZXo3dkhMbUwra1BPcnJiZnhU", WrapRedirect},
		{"facebook link shim", "https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2Fpromo%3Ffbclid%3DIwAR0&h=AT0abcdef",
			"https://evil.example/promo?fbclid=IwAR0", WrapRedirect},
		{"instagram link shim", "https://l.instagram.com/?u=https%3A%2F%2Fevil.example%2F&e=AT0abc",
			"https://evil.example/", WrapRedirect},
		{"linkedin", "https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fevil%2Eexample%2Fjob&urlhash=Ab1c&trk=public_profile",
			"https://evil.example/job", WrapRedirect},
		{"youtube", "https://www.youtube.com/redirect?event=video_description&redir_token=QUFFLUhqbXc&q=https%3A%2F%2Fevil.example%2Fgift&v=dQw4w9WgXcQ",
			"https://evil.example/gift", WrapRedirect},
		{"postmark 2s", "https://click.pstmrk.it/2s/www.yelp.com%2Fbiz%2Fmilwaukee-ale-house-milwaukee/CLfociYN/h0sH/LaQbwh8u81",
			"https://www.yelp.com/biz/milwaukee-ale-house-milwaukee", WrapRedirect},
		{"postmark 3s", "https://click.pstmrk.it/3s/www.dstricts.com%2Fpublic%2Findex.php/qzFR/112tAQ/AQ/8ca0d9d0-e358-4cb7-aead-53ca8cbd4b79/1/3Ug7SAcXST",
			"https://www.dstricts.com/public/index.php", WrapRedirect},
		{"postmark 3ts with a query", "https://track.pstmrk.it/3ts/example.com%2Fpage%3Fid%3D5/sDxB/7R5wAQ/AQ/62c98070/1/Hq4kcZpX3R",
			"https://example.com/page?id=5", WrapRedirect},
		{"postmark 3, http", "https://click.pstmrk.it/3/example.nl/4HuO/wJS8AQ/AQ/bd8ddcde-fdf5-460e-a83c-a1ab0ec88814/1/Ts-zTNfg7F",
			"http://example.nl/", WrapRedirect},

		// Generic redirect parameters, encoded once more or twice.
		{"go.php?u= encoded twice", "https://r.example.net/go.php?u=https%253A%252F%252Fevil.example%252Flogin",
			"https://evil.example/login", WrapRedirect},
		{"out.php?url= encoded three times", "http://links.example.org/out.php?url=http%25253A%25252F%25252Fevil.example%25252F",
			"http://evil.example/", WrapRedirect},
		{"redirect= encoded once", "https://shop.example.jp/redirect?redirect=https%3A%2F%2Fevil.example%2Fa",
			"https://evil.example/a", WrapRedirect},
		{"target= in a fragment query", "https://app.example.com/#/go?target=https%3A%2F%2Fevil.example%2F",
			"https://evil.example/", WrapRedirect},
		{"dest= base64 with +", "https://t.example.com/c?dest=aHR0cHM6Ly9ldmlsLmV4YW1wbGUvYT94PX5+",
			"https://evil.example/a?x=~~", WrapRedirect},

		// Nested: the innermost target, a gateway anywhere makes it a gateway.
		{"barracuda around google", "https://linkprotect.cudasvc.com/url?a=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fevil.example%252Fx&c=E,1,abc&typo=1",
			"https://evil.example/x", WrapGateway},
		{"facebook shim around bing", "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.bing.com%2Fck%2Fa%3F!%26%26u%3Da1aHR0cHM6Ly9naXRodWIuY29tL0FpckJhc2hYL1VzZXJTY3JpcHQ%26ntb%3D1&h=AT0",
			"https://github.com/AirBashX/UserScript", WrapRedirect},
	}
	for _, tt := range tests {
		u, ok := ParseURL(tt.raw)
		if !ok {
			t.Errorf("%s: ParseURL(%q) failed", tt.name, tt.raw)
			continue
		}
		w, ok := Unwrap(u)
		if !ok || w.Target.String() != tt.target || w.Kind != tt.kind {
			t.Errorf("%s: Unwrap = %q %q %v; want %q %q", tt.name, w.Target.String(), w.Kind, ok, tt.target, tt.kind)
		}
	}
}

// TestUnwrapNothing: opaque wrappers, and the services' own pages that
// merely share a wrapper's host, carry no target.
func TestUnwrapNothing(t *testing.T) {
	for _, raw := range []string{
		"https://protect-us.mimecast.com/s/0wSdCVON0gczLDq1tGaO_q/",
		"https://url.uk.m.mimecastprotect.com/s/AbCdEfGhIjKlMnOp?domain=evil.example",
		"https://u12345.ct.sendgrid.net/ls/click?upn=u001.abcDEF-2Bxyz-3D-3D",
		"https://example.us5.list-manage.com/track/click?u=2c1e3f4a5b&id=9a8b7c6d&e=1d2e3f4a",
		"https://d2v8tf04.na1.hubspotlinks.com/Ctc/5D+113/d2v8tf04/VWq4Kj1nLZ3hW",
		"https://clicktime.symantec.com/a/1/3esCKtonICCF-rrs7xQKVLId02gZJ9a9AeDuvKdt8Fk=?d=wUoxAvRabIhx8KgGUdxwS8PiI8kOfKHFC7DFlH2Qg7",
		"https://subscriptions.pstmrk.it/unsubscribe?m=1.2_3nynotjjUG_jMbiDXG0g",
		"https://click.pstmrk.it/4x/example.com%2Farticle/abc/def",
		"https://secure-web.cisco.com/",
		"https://www.trendmicro.com/en_us/business.html",
		"https://www.google.com/maps/place/Tokyo",
		"https://www.google.com/amp/",
		"https://www.bing.com/ck/a?!&&p=abc&u=a1bm90IGEgdXJs&ntb=1",
		"https://www.linkedin.com/in/someone",
		"https://example.jp/?u=a1aHR0cHM6Ly9ldmlsLmV4YW1wbGU",
		"https://example.jp/?next=https%3A%2F%2Fexample.jp%2Faccount",
		"https://shop.example.jp/item?id=http-3A__x",
	} {
		u, _ := ParseURL(raw)
		if w, ok := Unwrap(u); ok {
			t.Errorf("Unwrap(%q) = %q %q, want nothing", raw, w.Target.String(), w.Kind)
		}
	}
}

// TestRewriterOf names the wrapping service, opaque ones included, and
// leaves other links alone.
func TestRewriterOf(t *testing.T) {
	tests := []struct {
		raw, name, kind string
		opaque          bool
	}{
		{"https://protect-eu.mimecast.com/s/n_wBCgkxEhNm4Mk5tOXRAR?domain=example.com", "Mimecast URL Protect", WrapGateway, true},
		{"https://url.au.m.mimecastprotect.com/s/AbCdEf?domain=example.com", "Mimecast URL Protect", WrapGateway, true},
		{"https://u12345.ct.sendgrid.net/ls/click?upn=abc", "SendGrid click tracking", WrapRedirect, true},
		{"https://example.us5.list-manage.com/track/click?u=1&id=2&e=3", "Mailchimp click tracking", WrapRedirect, true},
		{"https://d2v8tf04.na1.hubspotlinks.com/Ctc/5D+113/d2v8tf04/VWq4", "HubSpot click tracking", WrapRedirect, true},
		{"https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com%2F", "Microsoft Safe Links", WrapGateway, false},
		{"https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fexample.com", "Barracuda Link Protection", WrapGateway, false},
		{"https://eu-west-1.protection.sophos.com/?d=example.com&u=aHR0cHM6Ly9leGFtcGxlLmNvbS8=", "Sophos Time-of-Click", WrapGateway, false},
		{"https://click.pstmrk.it/3s/example.com/abc/def", "Postmark click tracking", WrapRedirect, false},
		{"https://www.bing.com/ck/a?!&&u=a1aHR0cHM6Ly9leGFtcGxlLmNvbS8&ntb=1", "Bing redirect", WrapRedirect, false},
	}
	for _, tt := range tests {
		u, _ := ParseURL(tt.raw)
		r, ok := RewriterOf(u)
		if !ok || r.Name != tt.name || r.Kind != tt.kind || r.Opaque != tt.opaque {
			t.Errorf("RewriterOf(%q) = %+v %v; want %q %q opaque=%v", tt.raw, r, ok, tt.name, tt.kind, tt.opaque)
		}
	}
	for _, raw := range []string{"https://www.mimecast.com/products/", "https://sendgrid.com/pricing", "https://www.trendmicro.com/",
		"https://www.google.com/search?q=phishing", "https://www.linkedin.com/feed/", "https://evil.example/protect-us.mimecast.com/s/x",
		"https://protect-us.mimecast.com.evil.example/s/abc"} {
		u, _ := ParseURL(raw)
		if r, ok := RewriterOf(u); ok {
			t.Errorf("RewriterOf(%q) = %+v, want none", raw, r)
		}
	}
}

// TestUnwrapBounded: a wrapper nested deeper than four levels stops at
// the fourth, and long attacker data is read in one pass.
func TestUnwrapBounded(t *testing.T) {
	raw := "https://evil.example/final"
	for i := 0; i < 8; i++ {
		raw = "https://r" + string(rune('a'+i)) + ".example.net/go?u=" + percentEncode(raw)
	}
	u, _ := ParseURL(raw)
	w, ok := Unwrap(u)
	if !ok || w.Target.Host != "rd.example.net" {
		t.Errorf("Unwrap of 8 levels stopped at %q %v, want rd.example.net (4 levels)", w.Target.Host, ok)
	}
	long := "https://click.pstmrk.it/3s/" + repeat("a%2F", 20000) + "/x/y"
	u, _ = ParseURL(long)
	Unwrap(u) // must return; the result does not matter
}

func repeat(s string, n int) string {
	b := make([]byte, 0, len(s)*n)
	for i := 0; i < n; i++ {
		b = append(b, s...)
	}
	return string(b)
}

// percentEncode escapes the characters a query value cannot hold.
func percentEncode(s string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)*3)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	return string(b)
}
