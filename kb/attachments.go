package kb

import "strings"

// AttachmentData is the attachments section of the data files: lists of
// file extensions by what opening the file does.
type AttachmentData struct {
	Executable []string `yaml:"executable_extensions"`
	Script     []string `yaml:"script_extensions"`
	DiskImage  []string `yaml:"disk_image_extensions"`
	Shortcut   []string `yaml:"shortcut_extensions"`
	Macro      []string `yaml:"macro_extensions"`
	Decoy      []string `yaml:"decoy_extensions"`
	Archive    []string `yaml:"archive_extensions"`
}

// merge appends o's lists to d's (d may be nil).
func (d *AttachmentData) merge(o *AttachmentData) *AttachmentData {
	if d == nil {
		d = &AttachmentData{}
	}
	d.Executable = append(d.Executable, o.Executable...)
	d.Script = append(d.Script, o.Script...)
	d.DiskImage = append(d.DiskImage, o.DiskImage...)
	d.Shortcut = append(d.Shortcut, o.Shortcut...)
	d.Macro = append(d.Macro, o.Macro...)
	d.Decoy = append(d.Decoy, o.Decoy...)
	d.Archive = append(d.Archive, o.Archive...)
	return d
}

// Kinds of file extension (ExtensionKind).
const (
	ExtExecutable = "executable"
	ExtScript     = "script"
	ExtDiskImage  = "disk_image"
	ExtShortcut   = "shortcut"
	ExtMacro      = "macro_document"
	ExtArchive    = "archive"
	ExtDecoy      = "document"
)

// attachmentIndex maps extensions to kinds, and keeps the decoy list on
// its own: "zip" is an archive and also what "請求書.zip.exe" pretends.
type attachmentIndex struct {
	kind  map[string]string
	decoy map[string]bool
}

func buildAttachments(d *AttachmentData) attachmentIndex {
	x := attachmentIndex{kind: map[string]string{}, decoy: map[string]bool{}}
	if d == nil {
		return x
	}
	for _, e := range d.Decoy {
		x.decoy[strings.ToLower(strings.TrimPrefix(e, "."))] = true
	}
	// Later kinds do not overwrite earlier ones: an extension that is both
	// (cpl) keeps the more dangerous meaning.
	for _, l := range []struct {
		kind string
		exts []string
	}{{ExtExecutable, d.Executable}, {ExtScript, d.Script}, {ExtDiskImage, d.DiskImage},
		{ExtShortcut, d.Shortcut}, {ExtMacro, d.Macro}, {ExtArchive, d.Archive}, {ExtDecoy, d.Decoy}} {
		for _, e := range l.exts {
			e = strings.ToLower(strings.TrimPrefix(e, "."))
			if _, dup := x.kind[e]; !dup {
				x.kind[e] = l.kind
			}
		}
	}
	return x
}

// ExtensionKind returns what opening a file with extension ext (no dot,
// any case) does: one of the Ext* kinds, or "" when the list is silent.
func (k *KB) ExtensionKind(ext string) string {
	return k.attach.kind[strings.ToLower(strings.TrimPrefix(ext, "."))]
}

// IsDecoyExtension reports whether ext names a document or image people
// open without a second thought, the part a double extension shows.
func (k *KB) IsDecoyExtension(ext string) bool {
	return k.attach.decoy[strings.ToLower(strings.TrimPrefix(ext, "."))]
}
