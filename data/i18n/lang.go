package i18n

import (
	"errors"
	"fmt"
	"strings"

	"github.com/catchment/catchment/internal/numfmt"
)

// Lang is a language catchment writes: En or Zh. The zero value is
// English.
type Lang string

// The languages.
const (
	En Lang = "en"
	Zh Lang = "zh"
)

// ErrLang marks a language catchment does not write.
var ErrLang = errors.New("i18n: unknown language")

// Parse reads a language as given on a command line or in a scenario:
// "en" or "zh" (also "zh-CN", "zh-Hans", "zh_CN", any case). "" gives ""
// (not set). Anything else is an error wrapping ErrLang.
func Parse(s string) (Lang, error) {
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-") {
	case "":
		return "", nil
	case "en", "en-gb", "en-us":
		return En, nil
	case "zh", "zh-cn", "zh-hans", "zh-hans-cn":
		return Zh, nil
	}
	return "", fmt.Errorf("%w %q: want zh or en", ErrLang, s)
}

// chinesePolicies are the presets of Chinese regions' documents, whose
// reports default to Chinese.
var chinesePolicies = []string{"dadukou", "ordos", "shanxi", "xinjiang"}

// ForPolicy is the default language of a report under a policy preset:
// Chinese (Zh) under the Chinese regions' presets (dadukou, ordos,
// shanxi, xinjiang), which a county health bureau files in Chinese;
// English otherwise.
func ForPolicy(policy string) Lang {
	for _, p := range chinesePolicies {
		if strings.EqualFold(policy, p) {
			return Zh
		}
	}
	return En
}

// Or is l, or d when l is not set.
func (l Lang) Or(d Lang) Lang {
	if l == "" {
		return d
	}
	return l
}

// Tag is the BCP 47 tag of l for an HTML lang attribute: "zh-CN" or "en".
func (l Lang) Tag() string {
	if l == Zh {
		return "zh-CN"
	}
	return "en"
}

// Msg is one message in both languages. A message with format verbs has
// the same verbs in both, in the same order (or indexed, %[2]s).
type Msg struct{ En, Zh string }

// S is m in language l (English unless l is Zh).
func (l Lang) S(m Msg) string {
	if l == Zh {
		return m.Zh
	}
	return m.En
}

// F formats m in language l with args, as fmt.Sprintf.
func (l Lang) F(m Msg, args ...any) string { return fmt.Sprintf(l.S(m), args...) }

// Noun is a counted noun: One and Many in English ("county",
// "counties"), Zh with its measure word ("个县", "人").
type Noun struct{ One, Many, Zh string }

// N is n with thousands separators and the noun in the form n takes:
// "1 county", "4 counties", "1,200 people" in English; "4个县",
// "1,200人" in Chinese (no space, as Chinese documents write counts).
func (l Lang) N(n int64, noun Noun) string {
	d := numfmt.GroupThousands(n)
	if l == Zh {
		return d + noun.Zh
	}
	return d + " " + l.Agree(n, noun)
}

// Agree is the English form of noun that agrees with a count of n (One
// for 1 and -1), or its Chinese word without a measure word.
func (l Lang) Agree(n int64, noun Noun) string {
	switch {
	case l == Zh:
		return noun.Zh
	case n == 1 || n == -1:
		return noun.One
	}
	return noun.Many
}
