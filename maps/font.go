package maps

import (
	"fmt"
	"image/color"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// CJKFontPaths returns the font files FindCJKFont looks for, in order, as
// a fresh slice on every call: the Debian/Ubuntu packages
// fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk and
// fonts-arphic-uming, then the usual macOS and Windows fonts. TrueType
// collections (.ttc) are read through their first font.
func CJKFontPaths() []string { return slices.Clone(cjkFontPaths) }

var cjkFontPaths = []string{
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/truetype/arphic/uming.ttc",
	"/System/Library/Fonts/STHeiti Medium.ttc",
	"/System/Library/Fonts/Supplemental/Songti.ttc",
	"/Library/Fonts/Arial Unicode.ttf",
	`C:\Windows\Fonts\msyh.ttc`,
	`C:\Windows\Fonts\simhei.ttf`,
	`C:\Windows\Fonts\simsun.ttc`,
}

// FindCJKFont returns the first of CJKFontPaths that exists and loads with
// Chinese glyphs, or "" when there is none.
func FindCJKFont() string {
	_, p := findCJKFont()
	return p
}

func findCJKFont() (*Fonts, string) {
	for _, p := range cjkFontPaths {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if f, err := LoadFont(p); err == nil && f.CJK() {
			return f, p
		}
	}
	return nil, ""
}

// Fonts is the typeface maps and charts draw text with. A Fonts with
// Chinese glyphs draws names as given; one without (LatinFonts) draws them
// in pinyin, since a missing glyph would render as an empty box.
type Fonts struct {
	cache    *font.Cache
	regular  *sfnt.Font
	typeface font.Typeface
	variant  font.Variant
	cjk      bool
	source   string
}

const (
	cjkTypeface   font.Typeface = "CJK"
	latinTypeface font.Typeface = "Liberation"
)

// LatinFonts returns Liberation Sans, bundled with gonum/plot: always
// available, without Chinese glyphs.
func LatinFonts() *Fonts {
	latinOnce.Do(func() {
		reg, err := opentype.Parse(liberationsansregular.TTF)
		if err != nil {
			panic(fmt.Sprintf("maps: bundled Liberation Sans: %v", err))
		}
		bold, err := opentype.Parse(liberationsansbold.TTF)
		if err != nil {
			panic(fmt.Sprintf("maps: bundled Liberation Sans Bold: %v", err))
		}
		sans := font.Font{Typeface: latinTypeface, Variant: "Sans"}
		boldSans := sans
		boldSans.Weight = stdfont.WeightBold
		latin = &Fonts{
			cache:    font.NewCache(font.Collection{{Font: sans, Face: reg}, {Font: boldSans, Face: bold}}),
			regular:  reg,
			typeface: latinTypeface,
			variant:  "Sans",
			source:   "Liberation Sans (bundled)",
		}
	})
	return latin
}

var (
	latinOnce sync.Once
	latin     *Fonts
)

// LoadFont loads a TrueType or OpenType font file, or the first font of a
// collection (.ttc), for all text. Errors unwrap to ErrFont.
func LoadFont(path string) (*Fonts, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrFont, path, err)
	}
	return ParseFont(b, path)
}

// ParseFont is LoadFont on the bytes of a font file; name is used in
// messages and reported by Source.
func ParseFont(b []byte, name string) (*Fonts, error) {
	single, err := extractFont(b, 0)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %v", ErrFont, name, err)
	}
	f, err := opentype.Parse(single)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrFont, name, err)
	}
	fnts := &Fonts{
		cache:    font.NewCache(font.Collection{{Font: font.Font{Typeface: cjkTypeface}, Face: f}}),
		regular:  f,
		typeface: cjkTypeface,
		source:   name,
	}
	fnts.cjk = fnts.Covers("县镇乡村卫生院")
	return fnts, nil
}

// DefaultFonts returns the fonts of the first CJK font FindCJKFont finds,
// else LatinFonts. The search runs once per process.
func DefaultFonts() *Fonts {
	defaultOnce.Do(func() {
		defaultFonts = LatinFonts()
		if f, _ := findCJKFont(); f != nil {
			defaultFonts = f
		}
	})
	return defaultFonts
}

var (
	defaultOnce  sync.Once
	defaultFonts *Fonts
)

// CJK reports whether the fonts have Chinese glyphs.
func (f *Fonts) CJK() bool { return f.cjk }

// Source is the font file the fonts were loaded from.
func (f *Fonts) Source() string { return f.source }

// Covers reports whether every printable rune of s has a glyph.
func (f *Fonts) Covers(s string) bool {
	var buf sfnt.Buffer
	for _, r := range s {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			continue
		}
		if i, err := f.regular.GlyphIndex(&buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// Text returns s if every rune has a glyph, else s with Chinese
// characters in pinyin (孝绛县 -> "Xiaojiang Xian") and other runes without
// glyphs left out. It may return "" (a name in a script the font lacks).
func (f *Fonts) Text(s string) string {
	if f.Covers(s) {
		return s
	}
	var b strings.Builder
	var buf sfnt.Buffer
	for _, part := range splitHan(s) {
		if part.han {
			writeWord(&b, pinyinWords(part.text))
			continue
		}
		for _, r := range part.text {
			if i, err := f.regular.GlyphIndex(&buf, r); (err == nil && i != 0) || unicode.IsSpace(r) {
				b.WriteRune(r)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Label is Text(name), or id when nothing of name can be drawn.
func (f *Fonts) Label(name, id string) string {
	if t := f.Text(name); t != "" {
		return t
	}
	return f.Text(id)
}

// style returns a text style of the fonts at size points.
func (f *Fonts) style(size float64, c color.Color, bold bool) text.Style {
	fnt := font.Font{Typeface: f.typeface, Variant: f.variant, Size: font.Points(size)}
	if bold {
		fnt.Weight = stdfont.WeightBold
	}
	return text.Style{Color: c, Font: fnt, Handler: text.Plain{Fonts: f.cache}}
}
