// Package attach looks inside attachments without opening them: the real
// type by magic bytes against the claimed name and MIME type, name tricks
// (double extensions, right-to-left override), archives listed in memory
// (zip, rar; 7z recognised), Office macros (OLE VBA storages, OOXML
// vbaProject.bin), links inside HTML attachments, PDFs, Internet
// shortcuts and QR codes in images. Nothing is written to disk or run;
// every decompression is bounded by Limits, so a zip bomb costs little.
package attach

import (
	"bytes"
	"context"
	"path"
	"strings"

	"github.com/gabriel-vasile/mimetype"

	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/kb"
)

// Limits bound the work done on the attachments of one message: an
// Inspector spends one budget of entries and inflated bytes across every
// attachment and every archive nested in them. Zero fields take defaults.
type Limits struct {
	MaxEntries  int   // archive entries listed in all, per message
	MaxInflate  int64 // bytes decompressed in all, per message
	MaxNested   int64 // size of a nested archive or document opened in memory
	MaxDepth    int   // archives inside archives
	MaxPixels   int   // image size decoded for QR codes
	MaxPDFBytes int64 // bytes of PDF streams inflated for links
	MaxLinks    int   // links kept from all attachments, per message
}

// DefaultLimits suit real mail and keep a hostile attachment cheap.
var DefaultLimits = Limits{
	MaxEntries:  2000,
	MaxInflate:  64 << 20,
	MaxNested:   16 << 20,
	MaxDepth:    3,
	MaxPixels:   16 << 20,
	MaxPDFBytes: 32 << 20,
	MaxLinks:    2000,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxEntries > 0 {
		d.MaxEntries = l.MaxEntries
	}
	if l.MaxInflate > 0 {
		d.MaxInflate = l.MaxInflate
	}
	if l.MaxNested > 0 {
		d.MaxNested = l.MaxNested
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxPixels > 0 {
		d.MaxPixels = l.MaxPixels
	}
	if l.MaxPDFBytes > 0 {
		d.MaxPDFBytes = l.MaxPDFBytes
	}
	if l.MaxLinks > 0 {
		d.MaxLinks = l.MaxLinks
	}
	return d
}

// Kinds of content, by what opening it does.
const (
	KindExecutable = kb.ExtExecutable
	KindScript     = kb.ExtScript
	KindDiskImage  = kb.ExtDiskImage
	KindShortcut   = kb.ExtShortcut
	KindArchive    = kb.ExtArchive
	KindOffice     = "office"
	KindPDF        = "pdf"
	KindHTML       = "html"
	KindImage      = "image"
	KindOther      = "other"
)

// Info is what an attachment turned out to be.
type Info struct {
	Name    string `json:"name"`
	Claimed string `json:"claimed_type"` // MIME type the mail declared
	Type    string `json:"type"`         // MIME type by magic bytes
	Kind    string `json:"kind"`         // one of the Kind* constants
	// ExtKind is what the name's last extension claims (kb kinds).
	ExtKind string `json:"ext_kind,omitempty"`
	// DoubleExt is set for "請求書.pdf.exe": the decoy and the real
	// extension, e.g. "pdf.exe".
	DoubleExt string `json:"double_extension,omitempty"`
	// Bidi is set when the name holds a bidirectional control character
	// (U+202E RIGHT-TO-LEFT OVERRIDE …) that reorders what the reader sees.
	Bidi bool `json:"bidi_control,omitempty"`
	// Shown is the name with its control characters made visible.
	Shown string `json:"shown_name,omitempty"`
	// Macros says where VBA macros were found ("word/vbaProject.bin").
	Macros    string  `json:"macros,omitempty"`
	Encrypted bool    `json:"encrypted,omitempty"` // an archive with encrypted entries or headers
	Entries   []Entry `json:"entries,omitempty"`
	Links     []Link  `json:"links,omitempty"`
	// LinksDropped counts the links past the message's budget of links
	// (Limits.MaxLinks), not kept.
	LinksDropped int `json:"links_dropped,omitempty"`
	// Forms and PasswordInputs count an HTML attachment's <form> and
	// password fields; Redirect is the script or meta redirect it makes.
	Forms          int    `json:"forms,omitempty"`
	PasswordInputs int    `json:"password_inputs,omitempty"`
	Redirect       string `json:"redirect,omitempty"`
	// Text is an HTML attachment's visible text, for the content checks.
	Text string `json:"-"`
	// Notices are the limits hit and what could not be read.
	Notices []string `json:"notices,omitempty"`
	// Capped is set when the message's budget of archive entries ran out
	// (or the analysis was cancelled) while listing this attachment.
	Capped bool `json:"capped,omitempty"`
}

// Entry is one file inside an archive (Path joins nested archives with
// "/": "invoice.zip/doc.iso/run.exe").
type Entry struct {
	Path      string `json:"path"`
	Size      int64  `json:"size"`
	Encrypted bool   `json:"encrypted,omitempty"`
	Kind      string `json:"kind"`
	Type      string `json:"type,omitempty"`
	// DoubleExt is set for an entry named like "請求書.pdf.js".
	DoubleExt string `json:"double_extension,omitempty"`
}

// Link is a URL found inside an attachment.
type Link struct {
	URL  string `json:"url"`
	Text string `json:"text,omitempty"`
	// Texts are the other distinct texts shown over the same URL in an
	// HTML attachment (one href under several anchors).
	Texts  []string `json:"texts,omitempty"`
	Source string   `json:"source"` // "html", "img" (an HTML attachment's image), "pdf", "qr", "shortcut"
}

// inspector carries the budget shared by all attachments of a message
// and the archives nested in them.
type inspector struct {
	ctx      context.Context
	k        *kb.KB
	lim      Limits
	inflated int64
	entries  int // archive entries listed
	links    int // links kept
	notices  int // notices recorded
}

// Bounds on what the listing repeats: an entry's path and a notice are
// clipped, and a message gets at most maxNotices notices, so that two
// thousand entries with 64 KiB names cannot bloat the report.
const (
	maxShownPath = 1024
	maxNotices   = 100
)

// notice records a limit hit or what could not be read.
func (in *inspector) notice(info *Info, msg string) {
	if in.notices >= maxNotices {
		return
	}
	in.notices++
	info.Notices = append(info.Notices, clip.String(msg, maxShownPath))
}

// link keeps one link found inside an attachment, within the message's
// budget of links.
func (in *inspector) link(info *Info, l Link) {
	if in.links >= in.lim.MaxLinks {
		info.LinksDropped++
		return
	}
	in.links++
	info.Links = append(info.Links, l)
}

// done reports whether the analysis was cancelled.
func (in *inspector) done() bool { return in.ctx.Err() != nil }

// An Inspector looks at the attachments of one message with one budget:
// entries listed and bytes inflated are counted across all of them, so
// three zips of a thousand zips cost no more than one. Not for
// concurrent use.
type Inspector struct{ in inspector }

// NewInspector returns an Inspector for one message; its work stops when
// ctx ends. k supplies the extension lists.
func NewInspector(ctx context.Context, k *kb.KB, lim Limits) *Inspector {
	return &Inspector{in: inspector{ctx: ctx, k: k, lim: lim.withDefaults()}}
}

// Inspect looks at one attachment, spending from the message's budget.
func (x *Inspector) Inspect(name, claimed string, data []byte) Info {
	info := Info{Name: name, Claimed: claimed}
	x.in.name(&info)
	x.in.content(&info, name, data, 0)
	return info
}

// Inspect looks at one attachment on its own budget. k supplies the
// extension lists.
func Inspect(name, claimed string, data []byte, k *kb.KB, lim Limits) Info {
	return NewInspector(context.Background(), k, lim).Inspect(name, claimed, data)
}

// name reads the tricks a file name can play.
func (in *inspector) name(info *Info) {
	name := info.Name
	if strings.ContainsFunc(name, isBidiControl) {
		info.Bidi = true
		var b strings.Builder
		for _, r := range name {
			if isBidiControl(r) {
				b.WriteString("[U+" + strings.ToUpper(hex4(r)) + "]")
				continue
			}
			b.WriteRune(r)
		}
		info.Shown = b.String()
	}
	exts := extensions(name)
	if len(exts) > 0 {
		info.ExtKind = in.k.ExtensionKind(exts[len(exts)-1])
	}
	info.DoubleExt = in.doubleExtension(exts)
}

// doubleExtension returns "pdf.exe" for a name ending in a decoy
// extension followed by a dangerous one, or "".
func (in *inspector) doubleExtension(exts []string) string {
	if len(exts) < 2 {
		return ""
	}
	last, prev := exts[len(exts)-1], exts[len(exts)-2]
	if dangerous(in.k.ExtensionKind(last)) && in.k.IsDecoyExtension(prev) {
		return prev + "." + last
	}
	return ""
}

// content sniffs data and opens what can be opened in memory.
func (in *inspector) content(info *Info, name string, data []byte, depth int) {
	info.Type, info.Kind = in.sniff(name, data)
	switch info.Kind {
	case KindArchive:
		in.archive(info, name, data, depth)
	case KindOffice:
		in.office(info, data)
	case KindPDF:
		in.pdf(info, data)
	case KindHTML:
		in.html(info, data)
	case KindImage:
		in.qr(info, data)
	case KindShortcut:
		in.shortcut(info, data)
	}
}

// sniff returns the MIME type by magic bytes and the kind of content:
// the bytes decide when they are recognised, the name otherwise.
func (in *inspector) sniff(name string, data []byte) (string, string) {
	if di := diskImage(data); di != "" {
		return di, KindDiskImage
	}
	mt := mimetype.Detect(data)
	t := mt.String()
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	switch {
	case mt.Is("application/vnd.microsoft.portable-executable"), mt.Is("application/x-elf"),
		mt.Is("application/x-executable"), mt.Is("application/x-sharedlib"), mt.Is("application/x-mach-binary"),
		mt.Is("application/x-ms-installer"), mt.Is("application/java-archive"), mt.Is("application/vnd.ms-htmlhelp"):
		return t, KindExecutable
	case mt.Is("application/x-ms-shortcut"):
		return t, KindShortcut
	}
	ext := ""
	if exts := extensions(name); len(exts) > 0 {
		ext = exts[len(exts)-1]
	}
	extKind := in.k.ExtensionKind(ext)
	switch {
	case isOOXML(mt):
		return t, KindOffice
	case mt.Is("application/zip"), mt.Is("application/vnd.rar"), mt.Is("application/x-7z-compressed"),
		mt.Is("application/gzip"), mt.Is("application/vnd.ms-cab-compressed"), mt.Is("application/x-lzh-compressed"):
		return t, KindArchive
	case mt.Is("application/x-ole-storage"):
		return t, KindOffice
	case mt.Is("application/pdf"):
		return t, KindPDF
	case mt.Is("image/png"), mt.Is("image/jpeg"), mt.Is("image/gif"):
		return t, KindImage
	case mt.Is("text/html"), ext == "html" || ext == "htm" || ext == "shtml" || ext == "xhtml":
		if extKind == kb.ExtScript || ext == "hta" {
			return t, KindScript
		}
		return t, KindHTML
	case bytes.HasPrefix(bytes.TrimLeft(data, "\ufeff \r\n"), []byte("[InternetShortcut]")):
		return t, KindShortcut
	}
	switch extKind {
	case kb.ExtExecutable, kb.ExtScript, kb.ExtShortcut, kb.ExtDiskImage:
		return t, extKind
	}
	return t, KindOther
}

func isOOXML(mt *mimetype.MIME) bool {
	for m := mt; m != nil; m = m.Parent() {
		if strings.HasPrefix(m.String(), "application/vnd.openxmlformats-officedocument") ||
			strings.HasPrefix(m.String(), "application/vnd.ms-word.") || strings.HasPrefix(m.String(), "application/vnd.ms-excel.") {
			return true
		}
	}
	return false
}

// diskImage recognises ISO 9660 / UDF, VHD and VHDX images.
func diskImage(data []byte) string {
	for _, off := range []int{0x8001, 0x8801, 0x9001} {
		if len(data) >= off+5 {
			switch string(data[off : off+5]) {
			case "CD001":
				return "application/x-iso9660-image"
			case "BEA01", "NSR02", "NSR03":
				return "application/x-udf-image"
			}
		}
	}
	switch {
	case bytes.HasPrefix(data, []byte("vhdxfile")):
		return "application/x-vhdx"
	case bytes.HasPrefix(data, []byte("conectix")),
		len(data) >= 512 && bytes.HasPrefix(data[len(data)-512:], []byte("conectix")):
		return "application/x-vhd"
	}
	return ""
}

// dangerous kinds run code or hide files when opened.
func dangerous(kind string) bool {
	switch kind {
	case kb.ExtExecutable, kb.ExtScript, kb.ExtDiskImage, kb.ExtShortcut:
		return true
	}
	return false
}

// Dangerous reports whether content of this kind runs code or mounts
// hidden files when opened.
func Dangerous(kind string) bool { return dangerous(kind) }

// extensions returns the lower-case extensions of a file name, trailing
// dots and spaces trimmed ("a.pdf   .exe" → [pdf exe]); bidi controls
// are dropped first, so "doc\u202Efdp.exe" yields its real extension.
func extensions(name string) []string {
	name = strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, name)
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	var out []string
	parts := strings.Split(strings.ToLower(name), ".")
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if p != "" && len(p) <= 20 {
			out = append(out, p)
		}
	}
	return out
}

func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F
}

func hex4(r rune) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[r>>12&15], digits[r>>8&15], digits[r>>4&15], digits[r&15]})
}
