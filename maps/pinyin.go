package maps

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// hanRun is a maximal run of Han characters, or of anything else.
type hanRun struct {
	text string
	han  bool
}

func splitHan(s string) []hanRun {
	var runs []hanRun
	start, han := 0, false
	for i, r := range s {
		h := unicode.Is(unicode.Han, r)
		if i > start && h != han {
			runs = append(runs, hanRun{s[start:i], han})
			start = i
		}
		han = h
	}
	if start < len(s) {
		runs = append(runs, hanRun{s[start:], han})
	}
	return runs
}

// adminSuffixes end place and facility names; they are written as words of
// their own ("Xiaojiang Xian", "Beizhen Weishengyuan"), as on Chinese road
// signs, rather than run into the name. Longest first.
var adminSuffixes = []string{
	"社区卫生服务中心", "卫生服务中心", "卫生院", "卫生室", "医院", "人民", "中医",
	"街道", "县", "区", "市", "旗", "镇", "乡", "村", "州", "盟",
}

// pinyinWords transliterates a run of Han characters into capitalised
// pinyin words without tone marks.
func pinyinWords(han string) []string {
	for _, suf := range adminSuffixes {
		if stem, ok := strings.CutSuffix(han, suf); ok && stem != "" {
			return append(pinyinWords(stem), pinyinWord(suf))
		}
	}
	return []string{pinyinWord(han)}
}

var pinyinArgs = pinyin.NewArgs() // Normal style: no tone marks, first reading

// pinyinWord writes the syllables of han as one capitalised word, with an
// apostrophe before a syllable starting with a, o or e (Xi'an).
func pinyinWord(han string) string {
	var b strings.Builder
	for _, r := range han {
		syl := pinyin.SinglePinyin(r, pinyinArgs)
		if len(syl) == 0 || syl[0] == "" {
			continue
		}
		s := syl[0]
		if b.Len() > 0 && strings.ContainsRune("aoe", rune(s[0])) {
			b.WriteByte('\'')
		}
		if b.Len() == 0 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		b.WriteString(s)
	}
	return b.String()
}

// writeWord appends words to b, separated from what precedes by a space.
func writeWord(b *strings.Builder, words []string) {
	for _, w := range words {
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
}
