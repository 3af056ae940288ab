package attach

import (
	"bytes"
	"strings"

	"github.com/richardlehane/mscfb"
)

// office finds VBA macros: in an OOXML package, a vbaProject.bin part
// (listed like a zip); in an OLE compound file (.doc, .xls, .ppt), a
// VBA, _VBA_PROJECT_CUR or Macros storage.
func (in *inspector) office(info *Info, data []byte) {
	if bytes.HasPrefix(data, []byte("PK")) {
		sub := Info{}
		in.zip(&sub, info.Name, data, in.lim.MaxDepth) // list only, nothing nested
		if sub.Macros != "" {
			info.Macros = sub.Macros
		}
		info.Encrypted = info.Encrypted || sub.Encrypted
		return
	}
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		in.notice(info, info.Name+": the OLE document cannot be read: "+err.Error())
		return
	}
	for n := 0; n < 10000; n++ {
		e, err := doc.Next()
		if err != nil {
			return
		}
		switch strings.ToUpper(e.Name) {
		case "VBA", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "MACROS":
			where := strings.Join(append(append([]string{}, e.Path...), e.Name), "/")
			if info.Macros == "" {
				info.Macros = where
			}
			return
		case "ENCRYPTEDPACKAGE":
			info.Encrypted = true
		}
	}
}
