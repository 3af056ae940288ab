package kb

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mekiki/mekiki/match"
)

// Phrase categories of kb/data/phrases.yaml.
const (
	PhraseUrgency           = "urgency"
	PhraseCredential        = "credential_request"
	PhraseReassurance       = "reassurance"
	PhraseLure              = "lure_action"
	PhraseGreeting          = "generic_greeting"
	PhraseUnnatural         = "unnatural_japanese"
	PhraseSextortionClaim   = "sextortion_claim"
	PhraseSextortionPayment = "sextortion_payment"
	// The lures of fraud other than credential phishing.
	PhrasePrize      = "prize_lure"    // you were selected, claim your reward, survey
	PhraseCrypto     = "crypto_lure"   // verify your wallet, recovery phrase, airdrop
	PhraseAdvanceFee = "advance_fee"   // inheritance, compensation fund, beneficiary
	PhraseCallback   = "callback_scam" // a charge already made, call this number to cancel
)

// PhraseCategories lists every category the checks read.
var PhraseCategories = []string{PhraseUrgency, PhraseCredential, PhraseReassurance, PhraseLure, PhraseGreeting,
	PhraseUnnatural, PhraseSextortionClaim, PhraseSextortionPayment, PhrasePrize, PhraseCrypto, PhraseAdvanceFee, PhraseCallback}

// phraseWindow is how many bytes may separate the pieces of an "A…B"
// phrase: about 20 Japanese or 60 Latin characters.
const phraseWindow = 60

// Phrase is one entry of the phrase knowledge: its category and the text
// as written in the data file, with its pieces in matching form.
type Phrase struct {
	Category string
	Text     string
	pieces   []string
}

// PhraseHit is one phrase found in a text, with the byte span it covers
// in the text given to FindPhrases.
type PhraseHit struct {
	Phrase     *Phrase
	Start, End int
}

// phraseIndex finds all phrases of all categories in one pass.
type phraseIndex struct {
	phrases []Phrase
	dict    *match.Dictionary // Value = phrase index << 4 | piece index
}

// FoldPhrase puts text in the form phrases are matched in: Normalize,
// then katakana folded to hiragana. Byte offsets in the result refer to
// the same characters as in match.NormalizeCase(text).
func FoldPhrase(text string) string { return match.FoldKana(match.Normalize(text)) }

func buildPhrases(cats map[string][]string) (*phraseIndex, error) {
	x := &phraseIndex{}
	names := make([]string, 0, len(cats))
	for c := range cats {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		for _, t := range cats[c] {
			var pieces []string
			for _, p := range strings.Split(t, "…") {
				if p = FoldPhrase(strings.TrimSpace(p)); p != "" {
					pieces = append(pieces, p)
				}
			}
			if len(pieces) == 0 || len(pieces) > 15 {
				return nil, fmt.Errorf("knowledge base: phrase %q in %s is empty or has too many pieces", t, c)
			}
			x.phrases = append(x.phrases, Phrase{Category: c, Text: t, pieces: pieces})
		}
	}
	var terms []match.Term
	for i, p := range x.phrases {
		for j, piece := range p.pieces {
			terms = append(terms, match.Term{Text: piece, Value: i<<4 | j})
		}
	}
	x.dict = match.NewDictionary(terms)
	return x, nil
}

// FindPhrases returns the phrases found in folded (a FoldPhrase form),
// in text order, each phrase at most once.
func (k *KB) FindPhrases(folded string) []PhraseHit {
	x := k.phrases
	if x == nil || folded == "" {
		return nil
	}
	// starts[phrase][piece] lists where each piece occurs.
	starts := map[int][][]int{}
	for _, h := range x.dict.Find(folded, "") {
		i, j := h.Term.Value>>4, h.Term.Value&15
		s := starts[i]
		if s == nil {
			s = make([][]int, len(x.phrases[i].pieces))
			starts[i] = s
		}
		s[j] = append(s[j], h.Start)
	}
	var out []PhraseHit
	for i, s := range starts {
		p := &x.phrases[i]
		if start, end, ok := chain(p.pieces, s); ok {
			out = append(out, PhraseHit{Phrase: p, Start: start, End: end})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Start != out[b].Start {
			return out[a].Start < out[b].Start
		}
		return out[a].Phrase.Text < out[b].Phrase.Text
	})
	return out
}

// chain finds the first occurrence of the pieces in order, each within
// phraseWindow bytes of the end of the one before.
func chain(pieces []string, starts [][]int) (int, int, bool) {
	for _, first := range starts[0] {
		end := first + len(pieces[0])
		ok := true
		for j := 1; j < len(pieces) && ok; j++ {
			// starts[j] is in text order: the first occurrence at or after
			// end is found by binary search, so repeated pieces cost
			// O(n log n), not O(n²).
			k := sort.SearchInts(starts[j], end)
			ok = k < len(starts[j]) && starts[j][k]-end <= phraseWindow
			if ok {
				end = starts[j][k] + len(pieces[j])
			}
		}
		if ok {
			return first, end, true
		}
	}
	return 0, 0, false
}
