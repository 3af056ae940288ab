package mekiki

// maxShownText bounds the texts a report repeats from the message
// (subject, display name, link texts), so that its renderings stay small
// for any input; URLs are bounded by check.MaxShownURL. check.Clip cuts
// them at a character boundary, marked with "…".
const maxShownText = 1024
