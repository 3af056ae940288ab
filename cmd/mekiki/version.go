package main

import "runtime/debug"

// releaseVersion is the version of this source tree.
const releaseVersion = "0.1.0-dev"

// version is the release version plus the VCS revision when the binary
// was built from a checkout with VCS stamping.
func version() string {
	v := releaseVersion
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	return v
}
