package web

import (
	"context"
	"errors"

	"github.com/mekiki/mekiki/mail"
)

// readError is the sentence the page shows when a pasted or uploaded
// mail cannot be read: in Japanese a Japanese sentence for the errors
// the parser names (the error text itself is English), in English the
// error as it reads.
func readError(lang string, err error) string {
	if lang == "en" {
		return "This could not be read as a mail: " + err.Error()
	}
	switch {
	case errors.Is(err, mail.ErrNotMail):
		return "メールとして読めませんでした。ヘッダー（From: や Subject: などの行）が見つかりません。メールソフトの「ソースを表示」などで、ヘッダーを含むメール全体を貼り付けてください。"
	case errors.Is(err, mail.ErrEmpty):
		return "メールとして読めませんでした。入力が空です。"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return "メールとして読めませんでした。時間内に読み終えられませんでした。"
	}
	return "メールとして読めませんでした。メールの形式になっていないか、壊れています。"
}
