package kb

import "testing"

func TestExtensionKind(t *testing.T) {
	k := Default()
	cases := map[string]string{
		"exe": ExtExecutable, ".SCR": ExtExecutable, "msi": ExtExecutable, "jar": ExtExecutable,
		"js": ExtScript, "vbs": ExtScript, "hta": ExtScript, "ps1": ExtScript, "wsf": ExtScript,
		"iso": ExtDiskImage, "img": ExtDiskImage, "vhd": ExtDiskImage,
		"lnk": ExtShortcut, "url": ExtShortcut,
		"docm": ExtMacro, "xlsm": ExtMacro,
		"zip": ExtArchive, "rar": ExtArchive, "7z": ExtArchive,
		"pdf": ExtDecoy, "docx": ExtDecoy, "jpg": ExtDecoy,
		"bin": "", "ics": "", "": "",
	}
	for ext, want := range cases {
		if got := k.ExtensionKind(ext); got != want {
			t.Errorf("ExtensionKind(%q) = %q, want %q", ext, got, want)
		}
	}
	for _, d := range []string{"pdf", "zip", "XLSX"} {
		if !k.IsDecoyExtension(d) {
			t.Errorf("%s not a decoy extension", d)
		}
	}
	if k.IsDecoyExtension("exe") {
		t.Error("exe is a decoy extension")
	}
}

func TestBrandCountries(t *testing.T) {
	k := Default()
	if c := k.Brand("yamato").Countries(); len(c) != 1 || c[0] != "JP" {
		t.Errorf("yamato (all .jp domains): %v", c)
	}
	if c := k.Brand("amazon").Countries(); c != nil {
		t.Errorf("amazon (global): %v", c)
	}
	b := &Brand{Domains: []string{"example.com"}, SendingCountries: []string{"US"}}
	if c := b.Countries(); len(c) != 1 || c[0] != "US" {
		t.Errorf("explicit countries: %v", c)
	}
}
