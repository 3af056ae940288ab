package check

// MaxShownURL bounds a URL as findings and reports repeat it.
const MaxShownURL = 2048
