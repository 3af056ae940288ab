package attach

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nwaples/rardecode/v2"

	"github.com/mekiki/mekiki/internal/clip"
)

// headBytes is how much of each archive entry is read to sniff its type.
const headBytes = 4096

// rarMaxDictionary caps the dictionary a RAR entry may ask for: RAR 5
// uses 32 MB by default and the format allows 4 GB, while a dictionary
// never needs to exceed the entry's unpacked size, so honest archives in
// mail stay under it.
const rarMaxDictionary = 32 << 20

// bombRatio is the compression ratio past which an entry is not opened:
// ordinary documents compress by at most ~20×, a bomb by thousands.
const bombRatio = 200

// archive lists a zip or rar archive in memory and looks into what it
// holds; other archive formats are recognised but not listed.
func (in *inspector) archive(info *Info, name string, data []byte, depth int) {
	switch {
	case bytes.HasPrefix(data, []byte("PK")):
		in.zip(info, name, data, depth)
	case bytes.HasPrefix(data, []byte("Rar!\x1a\x07")):
		in.rar(info, name, data)
	default:
		in.notice(info, fmt.Sprintf("%s: archive format %s is recognised but not listed", name, info.Type))
	}
}

func (in *inspector) zip(info *Info, name string, data []byte, depth int) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		in.notice(info, fmt.Sprintf("%s: the zip archive cannot be read: %v", name, err))
		return
	}
	for _, f := range zr.File {
		if in.spent(info, name) {
			break
		}
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		e := Entry{Path: name + "/" + f.Name, Size: int64(min(f.UncompressedSize64, 1<<62)), Encrypted: f.Flags&1 != 0,
			DoubleExt: in.doubleExtension(extensions(f.Name))}
		e.Kind = in.k.ExtensionKind(lastExt(f.Name))
		if strings.EqualFold(baseName(f.Name), "vbaProject.bin") && info.Macros == "" {
			info.Macros = f.Name
		}
		if e.Encrypted {
			// ZipCrypto entries open without error and then fail to read:
			// the flag is the only reliable sign.
			info.Encrypted = true
			in.list(info, e)
			continue
		}
		if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > bombRatio || f.UncompressedSize64 > 1<<32 {
			in.notice(info, fmt.Sprintf("%s: %s expands %d bytes to %d (a decompression bomb); not opened",
				name, f.Name, f.CompressedSize64, f.UncompressedSize64))
			in.list(info, e)
			continue
		}
		in.entry(info, &e, f, depth)
		in.list(info, e)
	}
}

// spent reports, once per archive, that the message's budget of entries
// is used up (or the analysis was cancelled): the rest is not listed.
func (in *inspector) spent(info *Info, name string) bool {
	if in.entries < in.lim.MaxEntries && !in.done() {
		return false
	}
	if !info.Capped {
		info.Capped = true
		in.notice(info, fmt.Sprintf("%s: the message's budget of %d archive entries is used up; the rest were not listed", name, in.lim.MaxEntries))
	}
	return true
}

// list adds one entry to the listing and counts it against the budget.
func (in *inspector) list(info *Info, e Entry) {
	if in.entries >= in.lim.MaxEntries {
		// A nested archive whose own entries used up the budget: they
		// name it in their paths.
		return
	}
	in.entries++
	e.Path = clip.String(e.Path, maxShownPath)
	info.Entries = append(info.Entries, e)
}

// entry sniffs one zip entry from its first bytes and, for archives,
// documents and web pages small enough, opens it in memory.
func (in *inspector) entry(info *Info, e *Entry, f *zip.File, depth int) {
	rc, err := f.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	budget := in.lim.MaxInflate - in.inflated
	if budget <= 0 {
		in.notice(info, fmt.Sprintf("%s: decompression budget of %d bytes used up; not opened", e.Path, in.lim.MaxInflate))
		return
	}
	want := min(int64(headBytes), budget)
	head, _ := io.ReadAll(io.LimitReader(rc, want))
	in.inflated += int64(len(head))
	e.Type, e.Kind = in.sniff(f.Name, head)
	nestable := e.Kind == KindArchive || e.Kind == KindOffice || e.Kind == KindHTML || e.Kind == KindPDF ||
		e.Kind == KindShortcut || e.Kind == KindDiskImage
	if !nestable || depth+1 >= in.lim.MaxDepth && e.Kind == KindArchive || in.entries >= in.lim.MaxEntries {
		return
	}
	limit := min(in.lim.MaxNested, in.lim.MaxInflate-in.inflated)
	rest, err := io.ReadAll(io.LimitReader(rc, limit-int64(len(head))+1))
	in.inflated += int64(len(rest))
	if errors.Is(err, zip.ErrFormat) {
		// archive/zip stops an entry that inflates past its declared size.
		in.notice(info, fmt.Sprintf("%s: inflates past its declared size of %d bytes (a decompression bomb); not opened",
			e.Path, f.UncompressedSize64))
		return
	}
	whole := append(head, rest...)
	if int64(len(whole)) > limit {
		in.notice(info, fmt.Sprintf("%s: larger than %d bytes; not opened", e.Path, limit))
		return
	}
	var sub Info
	in.content(&sub, e.Path, whole, depth+1)
	e.Kind = sub.Kind
	if sub.Kind == KindDiskImage || sub.Kind == KindExecutable {
		return
	}
	info.Entries = append(info.Entries, sub.Entries...)
	info.Links = append(info.Links, sub.Links...)
	info.LinksDropped += sub.LinksDropped
	info.Notices = append(info.Notices, sub.Notices...)
	info.Capped = info.Capped || sub.Capped
	info.Encrypted = info.Encrypted || sub.Encrypted
	if sub.Macros != "" && info.Macros == "" {
		info.Macros = e.Path + ": " + sub.Macros
	}
	info.Forms += sub.Forms
	info.PasswordInputs += sub.PasswordInputs
	if info.Redirect == "" {
		info.Redirect = sub.Redirect
	}
}

// rar lists a RAR archive's headers; encrypted headers (rar -hp) stop the
// listing and mark the archive encrypted.
func (in *inspector) rar(info *Info, name string, data []byte) {
	// rardecode allocates an entry's whole dictionary when it reaches its
	// header, so a tiny archive could ask for gigabytes: cap it.
	r, err := rardecode.NewReader(bytes.NewReader(data), rardecode.MaxDictionarySize(rarMaxDictionary))
	if err != nil {
		if rarEncrypted(err) {
			info.Encrypted = true
			in.notice(info, name+": the rar archive's file names are encrypted")
			return
		}
		in.notice(info, fmt.Sprintf("%s: the rar archive cannot be read: %v", name, err))
		return
	}
	for {
		if in.spent(info, name) {
			return
		}
		h, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			if rarEncrypted(err) {
				info.Encrypted = true
				in.notice(info, name+": the rar archive's file names are encrypted")
				return
			}
			if errors.Is(err, rardecode.ErrDictionaryTooLarge) {
				in.notice(info, fmt.Sprintf("%s: an entry asks for a decompression dictionary over %d bytes; listing stopped", name, rarMaxDictionary))
				return
			}
			in.notice(info, fmt.Sprintf("%s: the rar archive cannot be read further: %v", name, err))
			return
		}
		if h.IsDir {
			continue
		}
		e := Entry{Path: name + "/" + h.Name, Size: h.UnPackedSize, Encrypted: h.Encrypted || h.HeaderEncrypted,
			DoubleExt: in.doubleExtension(extensions(h.Name))}
		e.Kind = in.k.ExtensionKind(lastExt(h.Name))
		if e.Encrypted {
			info.Encrypted = true
		}
		in.list(info, e)
	}
}

// rarEncrypted tells the errors rardecode gives without the password.
func rarEncrypted(err error) bool {
	return errors.Is(err, rardecode.ErrArchiveEncrypted) || errors.Is(err, rardecode.ErrArchivedFileEncrypted) ||
		errors.Is(err, rardecode.ErrBadPassword)
}

func lastExt(name string) string {
	if exts := extensions(name); len(exts) > 0 {
		return exts[len(exts)-1]
	}
	return ""
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, "/\\"); i >= 0 {
		return p[i+1:]
	}
	return p
}
